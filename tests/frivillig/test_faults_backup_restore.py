"""A backup restores whole (issue #15, "Faults the tests survive"): the README's nightly backup —
`pg_dump --format=custom` with the embedded server's own binaries plus a tar of the media
folder — of a database filled by the demo, restored into an empty database and another folder,
gives the same rows in every table and the same files."""

import hashlib
import io
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from folgegruppe.models import Meeting, MeetingAttachment
from foreninger.models import Association
from frivillig.datafile import municipality_load
from puljer.models import Application, Attachment
from tests.conftest import FAABORG, data_file
from tests.postgres import connect, row_counts, run, scratch_database, url
from tests.puljer.conftest import PDF


def _hashes(folder):
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _uploads():
    """A file of each kind the portal stores, through the models as an upload would be."""
    upload = lambda name: SimpleUploadedFile(name, PDF + name.encode())  # noqa: E731
    Attachment.objects.create(
        application=Application.objects.order_by("pk").first(),
        kind=Attachment.Kind.ACCOUNTS,
        file=upload("regnskab.pdf"),
        original_name="regnskab.pdf",
    )
    MeetingAttachment.objects.create(
        meeting=Meeting.objects.order_by("pk").first(), title="Dagsorden", file=upload("d.pdf")
    )
    association = Association.objects.order_by("pk").first()
    association.agreement_date = "2026-01-15"
    association.agreement_file = upload("aftale.pdf")
    association.save()


@pytest.mark.django_db(transaction=True)
def test_the_demo_and_its_files_restore_into_an_empty_database_with_every_row_and_file(
    settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    municipality_load(data=data_file(FAABORG))
    call_command("seed_demo", stdout=io.StringIO())
    _uploads()
    dump, archive = tmp_path / "frivillig.dump", tmp_path / "media.tgz"
    source = connection.settings_dict["NAME"]
    run("pg_dump", "--format=custom", "--no-owner", "--file", dump, url(source))
    subprocess.run(["tar", "czf", archive, "-C", tmp_path, "media"], check=True)  # noqa: S607
    with connect(source) as db:
        before = row_counts(db)

    (tmp_path / "restored").mkdir()
    subprocess.run(["tar", "xzf", archive, "-C", tmp_path / "restored"], check=True)  # noqa: S607
    with scratch_database("backup") as name:
        run("pg_restore", "--no-owner", "--dbname", url(name), dump)
        with connect(name) as db:
            after = row_counts(db)
            stored = {
                file
                for query in (
                    "SELECT file FROM puljer_attachment",
                    "SELECT file FROM folgegruppe_meetingattachment",
                    "SELECT agreement_file FROM foreninger_association WHERE agreement_file <> ''",
                )
                for (file,) in db.execute(query)
            }

    assert after == before
    assert {table: before[table] for table in ("foreninger_association", "frivillig_user")} == {
        "foreninger_association": 43,
        "frivillig_user": 3,
    }
    files = _hashes(tmp_path / "restored" / "media")
    assert files == _hashes(tmp_path / "media")
    assert len(files) == 3
    assert stored <= set(files)

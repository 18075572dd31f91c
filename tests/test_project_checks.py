"""The project's own checks, run inside the suite rather than as processes of their own: each
extra `manage.py` process started and stopped the embedded PostgreSQL once more."""

from io import StringIO

from django.core.management import call_command


def test_every_model_change_has_its_migration(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert out.getvalue() == "No changes detected\n"


def test_the_system_checks_pass():
    out = StringIO()
    call_command("check", stdout=out)
    assert out.getvalue() == "System check identified no issues (0 silenced).\n"

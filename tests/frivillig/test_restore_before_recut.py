"""A database from before the re-cut (events and volunteer jobs moved to apps of their own)
migrates to today's code with every row, permission and audit entry kept.

The dump was taken at commit 7d47f01 from `migrate`, `load_municipality faaborg-midtfyn.yaml`
and `seed_demo` (tests/fixtures/demo-before-recut.dump, pg_dump --format=custom).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.postgres import connect, row_counts, run, scratch_database, url

DUMP = Path(__file__).resolve().parent.parent / "fixtures" / "demo-before-recut.dump"
# Tables whose rows a migration may add to: new models get content types and permissions, and
# the consultants' group the permissions of new models (consultant_permissions); a new role
# (the assessors') is a new group; a new page cache scope (frivilligjob) gets its version number.
GROWING = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "auth_group",
    "auth_group_permissions",
    "frivillig_version",
}
# A group's permissions by model name, which stays when a model moves to another app.
GROUP_PERMISSIONS = (
    "SELECT g.name, ct.model, p.codename FROM auth_group_permissions gp "
    "JOIN auth_group g ON g.id = gp.group_id JOIN auth_permission p ON p.id = gp.permission_id "
    "JOIN django_content_type ct ON ct.id = p.content_type_id"
)


def _migrate(database_url):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_ENV": "development"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def migrated(django_db_setup, django_db_blocker):
    """A fresh database holding the dump, migrated once for the module's tests (a restore and
    a migration take seconds), with its row counts and groups' permissions from before the
    migration; dropped after."""
    with django_db_blocker.unblock(), scratch_database("restore") as name:
        run("pg_restore", "--no-owner", "--dbname", url(name), DUMP)
        with connect(name) as db:
            before = row_counts(db)
            permissions = set(db.execute(GROUP_PERMISSIONS).fetchall())
        _migrate(url(name))
        yield name, before, permissions


def test_every_row_of_the_old_database_is_kept(migrated):
    name, before, _permissions = migrated
    with connect(name) as db:
        after = row_counts(db)
    assert {t: after.get(t) for t in before if t not in GROWING} == {
        t: n for t, n in before.items() if t not in GROWING
    }
    assert {t for t in GROWING if after[t] < before[t]} == set()
    assert before["foreninger_opportunity"] == 5
    assert before["frivillig_event"] == 6
    assert before["folgegruppe_eventregistration"] == 2


def test_the_audit_trail_follows_the_moved_models(migrated):
    name, _before, _permissions = migrated
    with connect(name) as db:
        entries = dict(
            db.execute(
                "SELECT ct.app_label || '.' || ct.model, count(*) FROM auditlog_logentry entry "
                "JOIN django_content_type ct ON ct.id = entry.content_type_id GROUP BY 1"
            ).fetchall()
        )
        sample = db.execute(
            "SELECT ct.app_label, entry.object_repr FROM auditlog_logentry entry "
            "JOIN django_content_type ct ON ct.id = entry.content_type_id "
            "WHERE ct.model IN ('event', 'opportunity') ORDER BY entry.id"
        ).fetchall()
    assert entries == {
        "folgegruppe.candidate": 7,
        "folgegruppe.election": 4,
        "folgegruppe.groupseat": 2,
        "folgegruppe.meeting": 12,
        "foreninger.activity": 100,
        "foreninger.association": 43,
        "foreninger.membership": 3,
        "frivilligjob.opportunity": 5,
        "arrangementer.event": 6,
        "frivillig.actionplan": 6,
        "frivillig.focusarea": 5,
        "frivillig.meetingplace": 2,
        "frivillig.municipality": 1,
        "puljer.application": 5,
        "puljer.pool": 8,
        "puljer.round": 6,
    }
    assert sample == [
        ("arrangementer", "Nytårskur 2027"),
        ("arrangementer", "Frivillighedsmessen 2027"),
        ("arrangementer", "Egnsmøde i Ringeegnen 2026"),
        ("arrangementer", "Egnsmøde i Faaborgegnen 2027"),
        ("arrangementer", "Workshop om næste frivillighedsstrategi 2027"),
        ("arrangementer", "Frivillighedsmessen 2026"),
        ("frivilligjob", "Besøgsven for en ældre borger"),
        ("frivilligjob", "Frivillig til hjælp med digital post"),
        ("frivilligjob", "Lektiehjælper i matematik"),
        ("frivilligjob", "Chauffør til indkøbsturen"),
        ("frivilligjob", "Hjælpere til sommerudflugten"),
    ]


def test_the_groups_keep_their_permissions_and_gain_only_those_of_new_models(migrated):
    name, _before, before = migrated
    with connect(name) as db:
        after = set(db.execute(GROUP_PERMISSIONS).fetchall())
    # Models the old database did not have: the worker's job runs, MitID join requests, the
    # outbox's messages, the directory's search synonyms and the grant assessment's criteria,
    # reason texts, panels and assessors (the assessors' own group holds two of them).
    new_models = {
        "jobrun",
        "joinrequest",
        "message",
        "searchsynonym",
        # The places of the egne (postcode-or-town search) and the letters' channels.
        "regionplace",
        "letterchannel",
        "criterion",
        "reasonblock",
        "panel",
        "panelmember",
        # The payments: rules, lines, finance files, repayment claims and their log.
        "paymentrules",
        "paymentline",
        "financeexport",
        "repaymentclaim",
        "paymentevent",
    }
    assert before - after == set()
    assert {model for _group, model, _codename in after - before} == new_models
    assert {model for _group, model, _codename in before} & new_models == set()


def test_permissions_and_the_consultant_group_follow_the_moved_models(migrated):
    name, _before, _permissions = migrated
    with connect(name) as db:
        orphans = db.execute(
            "SELECT app_label, model FROM django_content_type "
            "WHERE (app_label, model) IN (('foreninger', 'opportunity'), "
            "('foreninger', 'opportunityanswer'), ('frivillig', 'event'), "
            "('folgegruppe', 'eventregistration'), ('folgegruppe', 'recurringevent'))"
        ).fetchall()
        consultant = {
            f"{app}.{codename}"
            for app, codename in db.execute(
                "SELECT ct.app_label, p.codename FROM auth_group g "
                "JOIN auth_group_permissions gp ON gp.group_id = g.id "
                "JOIN auth_permission p ON p.id = gp.permission_id "
                "JOIN django_content_type ct ON ct.id = p.content_type_id "
                "WHERE g.name = 'Frivilligkonsulent' AND ct.model IN ('event', 'opportunity', "
                "'opportunityanswer', 'eventregistration', 'recurringevent', 'workshopresponse', "
                "'workshopquestion', 'workshoptag', 'workshopanswer')"
            )
        }
    assert orphans == []
    assert consultant == {
        "arrangementer.add_event",
        "arrangementer.add_recurringevent",
        "arrangementer.add_workshopquestion",
        "arrangementer.add_workshoptag",
        "arrangementer.change_event",
        "arrangementer.change_eventregistration",
        "arrangementer.change_recurringevent",
        "arrangementer.change_workshopquestion",
        "arrangementer.change_workshopresponse",
        "arrangementer.change_workshoptag",
        "arrangementer.delete_event",
        "arrangementer.delete_eventregistration",
        "arrangementer.delete_recurringevent",
        "arrangementer.delete_workshopanswer",
        "arrangementer.delete_workshopquestion",
        "arrangementer.delete_workshopresponse",
        "arrangementer.delete_workshoptag",
        "arrangementer.view_event",
        "arrangementer.view_eventregistration",
        "arrangementer.view_recurringevent",
        "arrangementer.view_workshopanswer",
        "arrangementer.view_workshopquestion",
        "arrangementer.view_workshopresponse",
        "arrangementer.view_workshoptag",
        "frivilligjob.view_opportunity",
        "frivilligjob.view_opportunityanswer",
    }

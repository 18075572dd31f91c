"""The disk is full when a file is uploaded (issue #15, "Faults the tests survive"): every
upload says so in the person's language, and nothing is half-saved — no row without its file,
no other change of the same form kept."""

import errno
import os

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext

from foreninger.models import Association, AssociationLog, Membership
from puljer.models import Application, Attachment
from tests import factories
from tests.foreninger.test_self_service import registration_data
from tests.puljer.conftest import PDF, open_round

# The message in the active language (Danish), as the catalogue has it.
REFUSED = (
    "The file could not be saved just now, so nothing was saved. Please try again later; if it "
    "keeps happening, contact the municipality."
)


class FullDisk(FileSystemStorage):
    """A storage on a disk with no space left."""

    def _save(self, name, content):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)


@pytest.fixture
def full_disk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.FullDisk"},
    }
    return tmp_path


def upload():
    return SimpleUploadedFile("aftale.pdf", PDF)


def test_an_attachment_to_an_application_is_refused_with_a_message_and_not_recorded(
    client, faaborg, alice, full_disk
):
    club = factories.association(name="Klub A", members=[alice])
    draft = Application.objects.create(round=open_round(), association=club, title="Udflugt")
    client.force_login(alice)
    response = client.post(
        reverse("puljer:attachment_add", args=[club.pk, draft.pk]),
        {"kind": "accounts", "file": upload()},
        follow=True,
    )
    assert response.status_code == 200
    assert [str(m) for m in get_messages(response.wsgi_request)] == [gettext(REFUSED)]
    assert gettext(REFUSED) in response.content.decode()
    assert Attachment.objects.count() == 0
    assert list(full_disk.iterdir()) == []


def test_registering_an_association_with_its_agreement_saves_nothing_when_the_disk_is_full(
    client, faaborg, alice, full_disk
):
    client.force_login(alice)
    response = client.post(
        reverse("foreninger:register"),
        registration_data(agreement_date="2026-01-15", agreement_file=upload()),
    )
    assert response.status_code == 200
    assert gettext(REFUSED) in response.content.decode()
    assert Association.objects.count() == 0
    assert Membership.objects.count() == 0
    assert AssociationLog.objects.count() == 0
    assert list(full_disk.iterdir()) == []


def test_editing_an_association_keeps_none_of_the_changes_when_the_agreement_cannot_be_stored(
    client, faaborg, alice, full_disk
):
    club = factories.association(name="Klub A", members=[alice])
    client.force_login(alice)
    response = client.post(
        reverse("foreninger:edit", args=[club.pk]),
        registration_data(name="Nyt Navn", agreement_date="2026-01-15", agreement_file=upload()),
    )
    assert response.status_code == 200
    assert gettext(REFUSED) in response.content.decode()
    club.refresh_from_db()
    assert (club.name, club.agreement_file.name) == ("Klub A", "")
    assert club.log.count() == 0


def test_the_consultant_uploading_an_agreement_in_the_admin_gets_the_form_back_with_the_message(
    client, faaborg, consultant, full_disk
):
    club = factories.association(name="Gammelt Navn", town="Ringe")
    client.force_login(consultant)
    url = reverse("admin:foreninger_association_change", args=[club.pk])
    changes = {"name": "Nyt Navn", "agreement_date": "2026-01-15", "agreement_file": upload()}
    inlines = ("activities", "memberships", "log")
    response = client.post(
        url, factories.admin_change_data(client, url, inlines=inlines, **changes)
    )
    assert response.status_code == 302
    assert response["Location"] == url
    assert [str(m) for m in get_messages(response.wsgi_request)] == [gettext(REFUSED)]
    club.refresh_from_db()
    assert (club.name, club.agreement_file.name) == ("Gammelt Navn", "")
    assert list(full_disk.iterdir()) == []

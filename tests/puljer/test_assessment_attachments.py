"""An assessor reads the attachments of the applications they assess: only of their own
panel's round, only once declared impartial, and 404 for every other (issue #18)."""

import datetime
import uuid

import pytest
from django.contrib.auth.views import redirect_to_login
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from puljer.assessment import services
from puljer.assessment.models import Panel
from puljer.models import Attachment
from tests import factories
from tests.puljer.conftest import open_round, submitted

BUDGET = b"%PDF-1.7\n% Budget for Klub A\n%%EOF\n"


def _panel(round_):
    return Panel.objects.create(
        round=round_, deadline=timezone.localdate() + datetime.timedelta(days=3)
    )


def _assessor(panel, email, consultant):
    user = factories.user(email=email, first_name=email.split("@")[0].capitalize())
    return services.panel_member_add(panel=panel, user=user, external=False, by=consultant)


@pytest.fixture
def application(faaborg, club_a):
    return submitted(club_a, open_round())


@pytest.fixture
def budget(application):
    # Uploaded with an upper-case suffix: the file is stored with ".pdf".
    return Attachment.objects.create(
        application=application,
        kind=Attachment.Kind.BUDGET,
        file=SimpleUploadedFile("Budget for klubben.PDF", BUDGET),
        original_name="Budget for klubben.PDF",
    )


@pytest.fixture
def ida(application, consultant):
    return _assessor(_panel(application.round), "ida@example.com", consultant)


def _url(member, attachment):
    return reverse("admin:assessment_panelmember_attachment", args=[member.pk, attachment.pk])


def test_an_impartial_assessor_downloads_the_file_linked_from_the_application(
    client, application, budget, ida
):
    services.declaration_make(member=ida, application=application, impartial=True)
    client.force_login(ida.user)
    page = client.get(reverse("admin:assessment_panelmember_assess", args=[ida.pk, application.pk]))
    assert page.status_code == 200
    url = f"/admin/assessment/panelmember/{ida.pk}/bilag/{budget.pk}/"
    assert _url(ida, budget) == url
    assert f'<a href="{url}">Budget for klubben.PDF</a> (Budget)' in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == BUDGET
    assert response["Content-Disposition"] == 'attachment; filename="Budget for klubben.pdf"'


def test_an_assessor_who_is_a_member_of_the_applying_association_gets_404(
    client, application, budget, ida
):
    application.association.memberships.create(user=ida.user)
    client.force_login(ida.user)
    assert client.get(_url(ida, budget)).status_code == 404
    # Declaring impartial does not help: the membership decides.
    services.declaration_make(member=ida, application=application, impartial=True)
    assert client.get(_url(ida, budget)).status_code == 404


def test_an_assessor_who_declared_a_conflict_gets_404(client, application, budget, ida):
    services.declaration_make(
        member=ida, application=application, impartial=False, reason="Min søster er formand."
    )
    client.force_login(ida.user)
    assert client.get(_url(ida, budget)).status_code == 404


def test_an_assessor_who_has_not_declared_is_sent_to_the_declaration(
    client, application, budget, ida
):
    client.force_login(ida.user)
    response = client.get(_url(ida, budget))
    declaration = f"/admin/assessment/panelmember/{ida.pk}/ansoegning/{application.pk}/"
    assert (response.status_code, response.url) == (302, declaration)
    assert client.get(declaration).templates[0].name == "admin/assessment/declare.html"


def test_an_assessor_of_another_rounds_panel_gets_404(
    client, club_b, consultant, application, budget, ida
):
    other_round = open_round()
    submitted(club_b, other_round)
    jon = _assessor(_panel(other_round), "jon@example.com", consultant)
    client.force_login(jon.user)
    assert client.get(_url(jon, budget)).status_code == 404
    # Nor through the seat of somebody on the right panel.
    assert client.get(_url(ida, budget)).status_code == 404


def test_an_unknown_attachment_is_404_like_one_that_is_not_yours(client, application, ida):
    services.declaration_make(member=ida, application=application, impartial=True)
    client.force_login(ida.user)
    url = reverse("admin:assessment_panelmember_attachment", args=[ida.pk, uuid.uuid4()])
    assert client.get(url).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, budget, ida):
    url = _url(ida, budget)
    response = client.get(url)
    login = redirect_to_login(url, reverse("admin:login")).url
    assert (response.status_code, response.url) == (302, login)

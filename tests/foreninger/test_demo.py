"""The demo associations that `make run` seeds: enough of them, valid, marked, idempotent."""

import pytest
from django.utils import timezone

from foreninger import demo
from foreninger.models import Activity, Association, Membership
from foreninger.selectors import directory_search, trigram_available
from foreninger.services import child_certificate_missing, stale_before
from frivillig.datafile import municipality_load
from frivillig.management.commands.seed_demo import DEMO_PASSWORD
from frivillig.models import FocusArea, Region, TargetGroup, User
from tests.conftest import data_file, seeded_once

Status = Association.Status


def _seed():
    municipality_load(data=data_file("faaborg-midtfyn.yaml"))
    return demo.seed()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Faaborg-Midtfyn's file and the demo, seeded once for the module's tests."""
    with seeded_once(django_db_blocker, _seed) as summary:
        yield summary


@pytest.fixture
def summary(seeded, db):
    return seeded


def names(associations):
    return {association.name for association in associations}


def snapshot():
    """Every row the seed writes, field by field (timestamps included, so a re-save shows)."""
    models = (
        Association,
        Association.focus_areas.through,
        Association.regions.through,
        Association.target_groups.through,
        Activity,
        Activity.target_groups.through,
        Membership,
        User,
    )
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}


def test_the_summary_is_one_line_naming_the_member_login(summary):
    assert "\n" not in summary
    assert "forening@example.org" in summary


def test_at_least_forty_associations_and_ten_approved_in_each_egn(summary):
    assert Association.objects.count() >= 40
    assert Activity.objects.count() >= 90
    assert Region.objects.count() == 3
    approved = Association.objects.filter(status=Status.APPROVED)
    for region in Region.objects.all():
        assert approved.filter(regions=region).count() >= 10, region


def test_every_target_group_and_focus_area_has_approved_associations(summary):
    approved = Association.objects.filter(status=Status.APPROVED)
    for group in TargetGroup.objects.all():
        assert approved.filter(target_groups=group).exists(), group
    for area in FocusArea.objects.all():
        assert approved.filter(focus_areas=area).exists(), area


def test_every_association_and_activity_is_valid(summary):
    for association in Association.objects.all():
        association.full_clean()
    for activity in Activity.objects.all():
        activity.full_clean()
    counts = [association.activities.count() for association in Association.objects.all()]
    assert min(counts) >= 1
    assert max(counts) <= 4


def test_every_association_says_it_is_invented_and_has_no_real_contact_data(summary):
    for association in Association.objects.all():
        assert association.short_description.endswith(demo.DEMO_MARK), association
        assert association.email.endswith(".example.org"), association
        assert association.cvr == ""


def test_the_consultant_has_associations_to_approve_and_remind(summary):
    assert Association.objects.filter(status=Status.PENDING).count() == 3
    rejected = Association.objects.get(status=Status.REJECTED)
    assert rejected.rejection_reason
    stale = Association.objects.filter(
        status=Status.APPROVED, confirmed_on__lte=stale_before(timezone.localdate())
    )
    assert stale.count() == 3


def test_only_one_pending_association_lacks_its_child_certificate_check(summary):
    with_children = Association.objects.filter(
        activities__involves_children_under_15=True
    ).distinct()
    assert with_children.count() >= 5
    missing = [a for a in with_children if child_certificate_missing(a)]
    assert [a.status for a in missing] == [Status.PENDING]


def test_some_activities_want_volunteers_and_some_are_online(summary):
    assert Activity.objects.filter(wants_volunteers=True).count() >= 10
    assert Activity.objects.filter(online=True).exists()
    assert Activity.objects.exclude(recurrence="").exists()


def test_the_demo_member_logs_in_and_acts_for_three_associations(summary, client):
    user = User.objects.get(email="forening@example.org")
    assert client.login(email=user.email, password=DEMO_PASSWORD)
    statuses = Membership.objects.filter(user=user).values_list("association__status", flat=True)
    assert sorted(statuses) == [Status.APPROVED, Status.APPROVED, Status.PENDING]


def test_running_make_run_again_changes_nothing(summary):
    before = snapshot()
    municipality_load(data=data_file("faaborg-midtfyn.yaml"))
    again = demo.seed()
    assert snapshot() == before
    assert "(0 new)" in again


def test_a_deleted_demo_association_comes_back_and_the_others_are_kept(summary):
    Association.objects.filter(name="Horne Seniorsang").delete()
    Association.objects.filter(name="Gislev Seniortræf").update(town="Gislev by")
    assert "(1 new)" in demo.seed()
    assert Association.objects.filter(name="Horne Seniorsang").exists()
    assert Association.objects.get(name="Gislev Seniortræf").town == "Gislev by"


def test_search_for_aeldre_finds_an_association_by_word_prefix(summary):
    assert "Ældrevennerne i Ringe" in names(directory_search(text="ældre"))


def test_search_with_a_typo_finds_the_frivillig_association(summary):
    if not trigram_available():
        pytest.skip("pg_trgm is not installed on this PostgreSQL server")
    assert "Frivilligstuen Årslev" in names(directory_search(text="frivilig"))


def test_search_for_faellesskaber_finds_text_that_says_faellesskab(summary):
    association = Association.objects.get(name="Sprogcaféen Faaborg")
    text = f"{association.short_description} {association.description}"
    assert "fællesskab" in text
    assert "fællesskaber" not in text
    assert association.name in names(directory_search(text="fællesskaber"))

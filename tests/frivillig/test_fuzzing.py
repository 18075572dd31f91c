"""Arbitrary input to the public account and nomination forms: never a 500, nothing half-saved."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frivillig.models import Nomination, RateLimitHit, User

TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300),
    st.sampled_from(["'", "\x00", "a@b", "x" * 400, "alice@example.com"]),
)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(
    data=st.dictionaries(
        st.sampled_from(["first_name", "last_name", "email", "password1", "password2", "homepage"]),
        TEXT,
    )
)
def test_sign_up_never_fails_and_saves_nothing_from_invalid_input(client, faaborg, data):
    RateLimitHit.objects.all().delete()
    before = User.objects.count()
    response = client.post(reverse("signup"), data)
    assert response.status_code == 200
    if response.context and response.context.get("form") and response.context["form"].errors:
        assert User.objects.count() == before


@FUZZ
@given(data=st.dictionaries(st.sampled_from(["username", "password"]), TEXT))
def test_login_never_fails(client, faaborg, data):
    assert client.post(reverse("login"), data).status_code in (200, 302)


@FUZZ
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "category",
                "nominee_name",
                "nominee_association",
                "reason",
                "nominator_name",
                "nominator_email",
                "homepage",
            ]
        ),
        TEXT,
    )
)
def test_nominations_never_fail_and_save_nothing_from_invalid_input(client, faaborg, data):
    RateLimitHit.objects.all().delete()
    before = Nomination.objects.count()
    response = client.post(reverse("award_nominate"), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Nomination.objects.count() == before

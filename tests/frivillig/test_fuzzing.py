"""Arbitrary input to the public account and nomination forms: never a 500, nothing half-saved."""

import itertools

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, URLResolver, get_resolver, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foreninger.forms import DirectoryFilterForm
from foreninger.frivilligjob.forms import OpportunityFilterForm
from frivillig.arrangementer.forms import EventFilterForm
from frivillig.models import Nomination, RateLimitHit, User
from tests import factories
from tests.frivillig import test_permission_matrix as matrix

TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300),
    st.sampled_from(["'", "\x00", "a@b", "x" * 400, "alice@example.com"]),
)
FUZZ = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
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


# Every URL, GET with bad values in every query parameter a view reads.

# Raw query-string values: a NUL, a number too long for any column, text where a number is
# expected, and bytes that are not UTF-8.
BAD_VALUES = {
    "nul": "1%00",
    "overlong": "9" * 2000,
    "non_numeric": "abc",
    "non_utf8": "%C3%28%FF",
}
# What the public views read: their filter forms' fields and the parameters read directly.
PUBLIC_PARAMS = sorted(
    {
        *DirectoryFilterForm.base_fields,
        *EventFilterForm.base_fields,
        *OpportunityFilterForm.base_fields,
        "side",
        "pris",
        "next",
        "search",
        "page",
        "per_page",
        "taxonomy_term_id",
        "postcode",
        "modified_after",
        "organization_id",
        "taxonomy_id",
        "time_commitment",
        "id",
    }
)
# The admin's own parameters: a change list's search, ordering, page and "show all", and the
# autocomplete's.
ADMIN_LIST_PARAMS = ["q", "o", "p", "all", "term", "app_label", "model_name", "field_name"]
# One object's pages read none of these (their form's initial values aside), so they are left out.
OBJECT_VIEWS = ("_add", "_change", "_delete", "_history")
# Candidate values for the admin URLs' own arguments: an id, an app's label, a format.
ADMIN_ARGUMENTS = ["1", "puljer", "csv"]

world = matrix.world


def _query(params, value):
    return "&".join(f"{name}={value}" for name in params)


def _get(client, url):
    """The status, or the exception a view raised (the test client re-raises it)."""
    try:
        return client.get(url).status_code
    except Exception as error:  # any exception is the finding
        return f"{type(error).__name__}: {str(error)[:120]}"


def _public_urls(world, role):
    """The URLs outside the admin whose view answers `role` (not only a redirect to log in or
    a 404 for somebody else's page)."""
    answered_by = matrix.ROLES.index(role)
    for name, probe in sorted(matrix.EXPECTATIONS.items()):
        if probe.method == "get" and probe.expect[answered_by] not in (matrix.LOGIN, 404):
            yield reverse(name, args=probe.args(world))


def _admin_patterns(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _admin_patterns(pattern, inner)
        elif namespace == "admin:" and pattern.name and not pattern.name.endswith(OBJECT_VIEWS):
            yield f"admin:{pattern.name}", list(pattern.pattern.regex.groupindex)


def _admin_urls():
    for name, arguments in _admin_patterns():
        for values in itertools.product(ADMIN_ARGUMENTS, repeat=len(arguments)):
            try:
                yield reverse(name, kwargs=dict(zip(arguments, values, strict=True)))
                break
            except NoReverseMatch:
                continue


def _list_filter_params(client, url):
    """The parameters of a change list's filters and date hierarchy, and which are custom."""
    response = client.get(url)
    params, custom = set(ADMIN_LIST_PARAMS), set()
    if response.status_code != 200:
        return sorted(params), []
    changelist = response.context["cl"]
    for spec in changelist.filter_specs:
        params.update(spec.expected_parameters())
        if isinstance(spec, admin.SimpleListFilter):
            custom.update(spec.expected_parameters())
    if changelist.date_hierarchy:
        params.update(f"{changelist.date_hierarchy}__{part}" for part in ("year", "month", "day"))
    return sorted(params), sorted(custom)


def _failures(answers):
    return {
        url: status
        for url, status in answers.items()
        if not isinstance(status, int) or status >= 500
    }


@pytest.mark.parametrize("kind", BAD_VALUES)
@pytest.mark.parametrize("role", ["anonymous", "consultant"])
def test_no_public_page_fails_on_bad_query_values(client, db, world, role, kind):
    if role == "consultant":
        factories.login_verified(client, world.consultant)
    query = _query(PUBLIC_PARAMS, BAD_VALUES[kind])
    answers = {url: _get(client, f"{url}?{query}") for url in _public_urls(world, role)}
    assert _failures(answers) == {}


@pytest.fixture(scope="module")
def list_params():
    """Each change list's parameters by URL, read once for the four kinds of bad value."""
    return {}


@pytest.mark.parametrize("kind", BAD_VALUES)
def test_no_admin_page_fails_on_bad_query_values(client, db, world, list_params, kind):
    factories.login_verified(client, world.consultant)
    value = BAD_VALUES[kind]
    answers = {}
    for url in _admin_urls():
        params = ADMIN_LIST_PARAMS
        if resolve(url).url_name.endswith("_changelist"):
            if url not in list_params:
                list_params[url] = _list_filter_params(client, url)
            params, custom = list_params[url]
            # Each custom filter alone too, so that no other parameter's error hides it.
            for name in custom:
                answers[f"{url}?{name}"] = _get(client, f"{url}?{_query([name], value)}")
        answers[url] = _get(client, f"{url}?{_query(params, value)}")
    assert _failures(answers) == {}

"""The municipality's awards: categories from the data file, public nominations, the
consultant's review and winners, and how long nominations are kept."""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig import datafile
from frivillig.mail import absolute_url, send_templated
from frivillig.models import AwardCategory, FocusArea, Nomination
from frivillig.selectors import consultant_recipients
from frivillig.text import danish_slugify


class AwardError(Exception):
    """A rule of the awards was broken; the message is for the user."""


def _award_categories_check(items, nodes):
    for item, node in zip(items, nodes, strict=True):
        item["slug"] = item["slug"] or danish_slugify(item["name"])
        # Kept for an error about the focus area, which can only be checked while loading.
        item["line"] = node.start_mark.line + 1
    datafile.check_unique(items, "slug", nodes, "award_categories")
    datafile.check_unique(items, "name", nodes, "award_categories")


def _award_categories_load(items):
    """Make the award categories match the file; a removed one that has nominations is closed."""
    areas = {area.number: area for area in FocusArea.objects.all()}
    kept = []
    for order, item in enumerate(items, start=1):
        number = item["focus_area"]
        if number is not None and number not in areas:
            raise datafile.DataFileError(
                item["line"],
                f"award_categories[{order}].focus_area",
                _("there is no focus area number %(number)s") % {"number": number},
            )
        category, _created = AwardCategory.objects.update_or_create(
            slug=item["slug"],
            defaults={
                **datafile.with_english({"name": item["name"], "description": item["description"]}),
                "order": order,
                "focus_area": areas.get(number),
                "is_open": True,
            },
        )
        kept.append(category.pk)
    removed = AwardCategory.objects.exclude(pk__in=kept)
    removed.filter(~Exists(Nomination.objects.filter(category=OuterRef("pk")))).delete()
    removed.update(is_open=False, focus_area=None)


AWARD_CATEGORIES_SECTION = datafile.Section(
    name="award_categories",
    schema=datafile.List(
        datafile.Mapping(
            {
                "name": datafile.Text(required=True, max_length=100),
                "slug": datafile.Str(max_length=50, validator=datafile.validate_slug),
                "description": datafile.Text(),
                "focus_area": datafile.Int(minimum=1, maximum=99),
            }
        )
    ),
    load=_award_categories_load,
    check=_award_categories_check,
)


@transaction.atomic
def award_nomination_submit(
    *, category, nominee_name, nominee_association, reason, nominator_name, nominator_email
):
    """Anyone nominates someone for this year's award; the nominator gets a receipt."""
    if not AwardCategory.objects.filter(pk=category.pk, is_open=True).exists():
        raise AwardError(_("Nominations for “%(award)s” are closed.") % {"award": category.name})
    nomination = Nomination(
        category=category,
        year=timezone.localdate().year,
        nominee_name=nominee_name,
        nominee_association=nominee_association,
        reason=reason,
        nominator_name=nominator_name,
        nominator_email=nominator_email.lower(),
    )
    nomination.full_clean()
    nomination.save()
    admin_url = absolute_url(reverse("admin:frivillig_nomination_change", args=[nomination.pk]))

    send_templated(
        template="frivillig/email/nomination_receipt.txt",
        context={"nomination": nomination, "winners_url": absolute_url(reverse("awards"))},
        to=[nomination.nominator_email],
    )
    recipients = consultant_recipients()
    if recipients:
        send_templated(
            template="frivillig/email/nomination_consultant.txt",
            context={"nomination": nomination, "admin_url": admin_url},
            to=recipients,
            reply_to=[nomination.nominator_email],
        )
    return nomination


def _locked_nomination(nomination):
    # Locking the category first makes two consultants deciding the same award take turns.
    AwardCategory.objects.select_for_update().get(pk=nomination.category_id)
    return Nomination.objects.select_for_update().select_related("category").get(pk=nomination.pk)


def _decided(nomination, user, **changes):
    for name, value in changes.items():
        setattr(nomination, name, value)
    nomination.decided_by = user
    nomination.decided_at = timezone.now()
    nomination.full_clean()
    nomination.save()
    return nomination


@transaction.atomic
def award_winner_mark(*, nomination, user):
    """Make a nomination the winner of its award and year; an award has one winner a year."""
    nomination = _locked_nomination(nomination)
    if nomination.is_winner:
        raise AwardError(
            _("%(name)s is already the winner of %(award)s %(year)s.")
            % {
                "name": nomination.nominee_name,
                "award": nomination.category,
                "year": nomination.year,
            }
        )
    winner = Nomination.objects.filter(
        category=nomination.category_id, year=nomination.year, is_winner=True
    ).first()
    if winner is not None:
        raise AwardError(
            _("%(award)s %(year)s already has a winner: %(name)s. Remove that mark first.")
            % {"award": nomination.category, "year": nomination.year, "name": winner.nominee_name}
        )
    return _decided(nomination, user, is_winner=True, status=Nomination.Status.SHORTLISTED)


@transaction.atomic
def award_winner_unmark(*, nomination, user):
    """Take back a winner mark set by mistake; the nomination stays on the shortlist."""
    nomination = _locked_nomination(nomination)
    if not nomination.is_winner:
        raise AwardError(
            _("%(name)s is not marked as a winner.") % {"name": nomination.nominee_name}
        )
    return _decided(nomination, user, is_winner=False)


@transaction.atomic
def nomination_review(*, nomination, status, user):
    """Put a nomination on the shortlist, decline it, or set it back to pending."""
    nomination = _locked_nomination(nomination)
    if nomination.is_winner and status != Nomination.Status.SHORTLISTED:
        raise AwardError(
            _("%(name)s is the winner. Remove the winner mark first.")
            % {"name": nomination.nominee_name}
        )
    return _decided(nomination, user, status=status)


def nominations_apply_retention(*, today=None):
    """After the award year: other nominations go; winners keep the name, not the nominator."""
    today = today or timezone.localdate()
    past = Nomination.objects.filter(year__lt=today.year)
    deleted = past.filter(is_winner=False).delete()[0]
    past.filter(is_winner=True).exclude(nominator_email="").update(
        nominator_name="", nominator_email="", reason=""
    )
    return f"award nominations: {deleted} deleted"

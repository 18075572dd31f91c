"""Demo rounds and applications for `manage.py seed_demo`: last year decided, this year open."""

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from foreninger.models import Association
from frivillig.datafile import yaml_file
from frivillig.models import FocusArea, TargetGroup
from puljer.models import Application, ApplicationEvent, BudgetLine, Pool, Round, Status
from puljer.services import KIND_CODES, pool_budgets_set

# (association slug, pool kind, title, applied, granted or None for declined, focus area number)
DECIDED = [
    ("besoegsvennerne-i-faaborg", "s18", "Besøgsvenner til ensomme", 60000, 60000, None),
    ("sprogcafeen-faaborg", "co_creation", "Sprogcafé med jobcentret", 45000, 30000, 1),
    ("aeldrevennerne-i-ringe", "s79", "Åben eftermiddagscafé for ældre", 25000, 25000, None),
    ("frivilligstuen-aarslev", "co_creation", "Ny frivilligrekruttering sammen", 40000, 40000, 4),
    ("sorggrupper-paa-midtfyn", "s18", "Sorggrupper for voksne", 35000, None, None),
]
EXAMPLE_RULES = Path(__file__).with_name("demo_rules.yaml")
PARTIAL_REASON = "Puljen er søgt af mange; aktiviteten prioriteres, men med et mindre beløb."
DECLINE_REASON = "Aktiviteten er allerede dækket af et kommunalt tilbud i samme periode."


def _example_rules_add(year):
    """Give the year's pools the demo's example rules, each marked as an example."""
    data = yaml_file(EXAMPLE_RULES)
    for pool in Pool.objects.filter(year=year, kind__in=data["pools"]):
        rules = dict(data["pools"][pool.kind])
        examples = [f"- {text} {data['criteria_mark']}" for text in rules.pop("criteria", [])]
        if examples and examples[0] not in pool.criteria:
            pool.criteria = "\n".join(filter(None, [pool.criteria, *examples]))
            # The examples are Danish: English mode shows the whole list in Danish, lang="da".
            pool.criteria_en = ""
        for name, value in rules.items():
            setattr(pool, name, value)
            pool.rule_sources[name] = data["source"]
        pool.save()


def _pools_for(year, template_year):
    """Copy the data file's pools (this year's) to another year, texts and amounts alike."""
    for pool in Pool.objects.filter(year=template_year):
        fields = {
            field.name: getattr(pool, field.name)
            for field in Pool._meta.concrete_fields
            if field.name not in ("id", "year")
        }
        Pool.objects.get_or_create(year=year, kind=pool.kind, defaults=fields)
    section_18 = Pool.objects.filter(year=year, kind=Pool.Kind.SECTION_18).first()
    share = Pool.objects.filter(year=year, kind=Pool.Kind.CO_CREATION).first()
    if section_18:
        pool_budgets_set(
            year=year,
            section_18_total=section_18.section_18_total,
            share_percent=share.share_percent if share else None,
        )


@transaction.atomic
def seed():
    this_year = timezone.localdate().year
    if not Pool.objects.filter(year=this_year).exists():
        return "Demo grants skipped: the data file names no pools."
    associations = {a.slug: a for a in Association.objects.filter(status="approved")}
    if not all(row[0] in associations for row in DECIDED):
        return "Demo grants skipped: the demo associations are not there."
    last_year = this_year - 1
    _example_rules_add(this_year)
    _pools_for(last_year, this_year)
    today = timezone.localdate()
    for pool in Pool.objects.filter(year=this_year):
        Round.objects.get_or_create(
            pool=pool,
            title="Efterårsrunden",
            defaults={
                "opens_on": today - datetime.timedelta(days=7),
                "deadline": today + datetime.timedelta(days=30),
                "decision_expected_on": today + datetime.timedelta(days=60),
            },
        )
    rounds = {}
    for pool in Pool.objects.filter(year=last_year):
        rounds[pool.kind], _created = Round.objects.get_or_create(
            pool=pool,
            title="Forårsrunden",
            defaults={
                "opens_on": datetime.date(last_year, 2, 1),
                "deadline": datetime.date(last_year, 3, 15),
                "decision_expected_on": datetime.date(last_year, 4, 30),
            },
        )
    created = 0
    groups = list(TargetGroup.objects.order_by("order")[:2])
    for number, (slug, kind, title, applied, granted, area) in enumerate(DECIDED, start=1):
        reference = f"{last_year}-{KIND_CODES[kind]}-{number:04d}"
        if Application.objects.filter(reference=reference).exists():
            continue
        status = (
            Status.DECLINED
            if granted is None
            else Status.GRANTED
            if granted == applied
            else Status.PARTIALLY_GRANTED
        )
        application = Application.objects.create(
            round=rounds[kind],
            association=associations[slug],
            reference=reference,
            status=status,
            title=title,
            purpose=f"{title}. Demoansøgning – findes ikke.",
            expected_participants=30,
            expected_volunteers=6,
            period_start=datetime.date(last_year, 5, 1),
            period_end=datetime.date(last_year, 12, 31),
            contact_name="Demo Kontakt",
            contact_email=associations[slug].email,
            amount_applied=applied,
            amount_granted=granted,
            decision_reason=(
                ""
                if status == Status.GRANTED
                else DECLINE_REASON
                if granted is None
                else PARTIAL_REASON
            ),
            submitted_at=timezone.make_aware(datetime.datetime(last_year, 3, 10, 12)),
            decided_at=timezone.make_aware(datetime.datetime(last_year, 4, 28, 10)),
            report_due_on=None if granted is None else datetime.date(this_year, 3, 31),
            open_to_over_65_confirmed=kind == "s79",
        )
        application.target_groups.set(groups)
        if area:
            application.focus_areas.set(FocusArea.objects.filter(number=area))
        BudgetLine.objects.create(
            application=application, kind="expense", description="Forplejning", amount=applied
        )
        ApplicationEvent.objects.create(
            application=application, action="submit", to_status=Status.SUBMITTED
        )
        ApplicationEvent.objects.create(
            application=application, action="grant" if granted else "decline", to_status=status
        )
        created += 1
    return (
        f"Demo grants: open rounds for {this_year}, {created} decided applications in {last_year}."
    )

"""A national-scale data set for the benchmark, invented and inserted in bulk.

Associations (three activities each) with Danish names and texts, spread over the loaded
municipality's regions, focus areas and target groups; pools for five years with two rounds
each; three applications per association, with decided grants that stay within each pool's
budget. Everything derives from association numbers and a fixed seed, so `grow(200)` followed
by `grow(2000)` gives the same data as `grow(2000)` alone.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from foreninger.models import Activity, Association
from frivillig.models import FocusArea, Region, TargetGroup
from frivillig.text import danish_slugify
from puljer.models import GRANTED_STATUSES, Application, Pool, Round, Status
from puljer.services import KIND_CODES

SEED = 2026
YEARS = 5
ACTIVITIES_PER_ASSOCIATION = 3
APPLICATIONS_PER_ASSOCIATION = 3
# At most this share of a budget is granted, as in a real year with money left for late needs.
BUDGET_USE = 0.95
# The data file's yearly amounts are one municipality's; a national data set needs more money
# for its grants to look like real ones.
BUDGET_SCALE = 20

TOWNS = [
    ("Faaborg", "5600"), ("Ringe", "5750"), ("Årslev", "5792"), ("Nr. Broby", "5672"),
    ("Ryslinge", "5856"), ("Kværndrup", "5772"), ("Gislev", "5854"), ("Odense C", "5000"),
    ("Svendborg", "5700"), ("Nyborg", "5800"), ("Middelfart", "5500"), ("Assens", "5610"),
    ("Aarhus C", "8000"), ("Aalborg", "9000"), ("Esbjerg", "6700"), ("Vejle", "7100"),
    ("Kolding", "6000"), ("Horsens", "8700"), ("Randers", "8900"), ("Viborg", "8800"),
    ("Silkeborg", "8600"), ("Herning", "7400"), ("Holstebro", "7500"), ("Fredericia", "7000"),
    ("Haderslev", "6100"), ("Sønderborg", "6400"), ("Tønder", "6270"), ("Aabenraa", "6200"),
    ("Roskilde", "4000"), ("Køge", "4600"), ("Næstved", "4700"), ("Slagelse", "4200"),
    ("Holbæk", "4300"), ("Kalundborg", "4400"), ("Nykøbing F", "4800"), ("Hillerød", "3400"),
    ("Helsingør", "3000"), ("Frederikshavn", "9900"), ("Hjørring", "9800"), ("Thisted", "7700"),
    ("Skive", "7800"), ("Ringkøbing", "6950"), ("Grenaa", "8500"), ("Skanderborg", "8660"),
    ("Ribe", "6760"), ("Varde", "6800"), ("Rønne", "3700"), ("København N", "2200"),
    ("Valby", "2500"), ("Frederiksberg", "2000"), ("Ballerup", "2750"), ("Kgs. Lyngby", "2800"),
]  # fmt: skip
STREETS = [
    "Østergade", "Vestergade", "Nørregade", "Søndergade", "Skolevej", "Kirkevej", "Stationsvej",
    "Møllevej", "Havnegade", "Algade", "Bygaden", "Bakkevej", "Engvej", "Torvet", "Præstegårdsvej",
]  # fmt: skip
FIRST_NAMES = [
    "Birthe", "Hanne", "Jens", "Lone", "Mette", "Poul", "Karen", "Søren", "Inge", "Henrik",
    "Aisha", "Mads", "Fatima", "Ole", "Kirsten", "Lars", "Bente", "Niels", "Sara", "Jørgen",
]  # fmt: skip

# Per target group (slugs of the Faaborg-Midtfyn data file): name patterns, short descriptions
# and activities (title, description). "{town}" is the association's town.
PROFILES = {
    "aeldre": {
        "names": [
            "Besøgsvennerne i {town}", "Ældreklubben {town}", "Seniorcaféen {town}",
            "Pensionistforeningen {town}", "Spisevenner for ældre i {town}",
            "Motion for ældre, {town}", "Ældrefrivillige i {town}", "Seniornetværket {town}",
        ],
        "short": [
            "Frivillige besøgsvenner kommer fast hos ældre, der sidder meget alene.",
            "Hyggelige eftermiddage med kaffe, sang og foredrag for ældre borgere i {town}.",
            "Gåture og stolemotion for ældre – alle kan være med, uanset form.",
            "Fællesspisning og samvær for ældre, der gerne vil møde nye mennesker.",
        ],
        "activities": [
            ("Besøgsven i eget hjem", "En fast besøgsven kommer hjem til en ældre borger cirka "
             "en time om ugen til kaffe, en gåtur eller et spil kort."),
            ("Fællesspisning for ældre", "Vi laver mad sammen og spiser ved lange borde. Ældre "
             "fra hele området er velkomne, og kørsel kan aftales."),
            ("Stolegymnastik", "Let motion på stol med musik for ældre med og uden "
             "gangbesvær."),
            ("Seniorcafé", "Kaffe, kage og et foredrag eller en sangeftermiddag for ældre."),
            ("Hjælp til MitID og mobil", "Frivillige hjælper ældre med telefon, tablet og "
             "MitID i et roligt tempo."),
        ],
    },
    "boern-og-unge": {
        "names": [
            "Lektiecaféen {town}", "Ungdomsklubben {town}", "Natteravnene i {town}",
            "Mentorkorpset for unge i {town}", "Børnenes Kontor {town}",
            "Familienetværket {town}", "Fritidsvennerne {town}",
        ],
        "short": [
            "Gratis lektiehjælp til skolebørn fra 4. til 10. klasse med frivillige voksne.",
            "Et trygt mødested for unge om aftenen med frivillige voksne.",
            "Frivillige mentorer støtter unge, der er gået i stå med skole eller job.",
        ],
        "activities": [
            ("Lektiehjælp", "Frivillige hjælper børn og unge med lektier, læsning og "
             "matematik i et roligt rum."),
            ("Fredagsklub", "Spil, mad og hygge for børn og unge hver fredag aften."),
            ("Natteravne-vagt", "Voksne frivillige går i byen fredag og lørdag nat og er "
             "til stede, hvor de unge er."),
            ("Ferieaktiviteter for børn", "Ture og aktiviteter i skoleferierne for børn, der "
             "ellers ikke kommer afsted."),
            ("Mentor for unge", "En frivillig mentor mødes med en ung et par timer om ugen."),
        ],
    },
    "voksne": {
        "names": [
            "Sorggruppen {town}", "Frivilligcentret {town}", "Værestedet {town}",
            "Netværk for pårørende i {town}", "Gældsrådgivningen {town}", "Selvhjælp {town}",
            "Kirkens Korshær, {town}", "Mødestedet {town}",
        ],
        "short": [
            "Samtalegrupper for voksne, der har mistet en nær pårørende.",
            "Et værested med morgenmad, samtaler og fællesskab for voksne i en svær tid.",
            "Frivillige jurister og økonomer hjælper med gæld og budget.",
        ],
        "activities": [
            ("Sorggruppe for voksne", "En lille fast gruppe mødes hver anden uge med to "
             "frivillige samtaleledere."),
            ("Morgenmad i værestedet", "Gratis morgenmad og en snak for voksne, der har brug "
             "for et fællesskab."),
            ("Gældsrådgivning", "Anonym og gratis rådgivning om gæld, budget og breve fra "
             "det offentlige."),
            ("Pårørendecafé", "Et frirum for voksne pårørende til mennesker med sygdom."),
        ],
    },
    "patientforeninger": {
        "names": [
            "Hjerteforeningen, {town} lokalkomité", "Kræftens Bekæmpelse, {town}",
            "Diabetesforeningen {town}", "Parkinsonforeningen, {town} lokalafdeling",
            "Alzheimerforeningen {town}", "Gigtforeningen {town}", "Lungeforeningen {town}",
        ],
        "short": [
            "Netværk, motion og rådgivning for mennesker med kronisk sygdom og deres pårørende.",
            "Lokalafdelingen holder møder, motionshold og foredrag – mange medlemmer er ældre.",
            "Støtte og fællesskab for patienter og pårørende.",
        ],
        "activities": [
            ("Hjertemotion", "Motion på hold for hjertepatienter med en frivillig instruktør."),
            ("Netværksgruppe for pårørende", "Pårørende mødes og deler erfaringer med en "
             "frivillig tovholder."),
            ("Patientforedrag", "Læger og sygeplejersker fortæller om livet med sygdommen."),
            ("Demenscafé", "Samvær for mennesker med demens – ofte ældre – og deres "
             "pårørende."),
        ],
    },
    "integration": {
        "names": [
            "Sprogcaféen {town}", "Venligboerne {town}", "Integrationsnetværket {town}",
            "Kvindenetværket {town}", "Flygtningevennerne i {town}", "Nydanskernes Forening {town}",
        ],
        "short": [
            "Frivillige øver dansk med nydanskere over en kop kaffe.",
            "Venskabsfamilier og netværk for flygtninge og indvandrere.",
            "Hjælp til breve, jobsøgning og foreningslivet for nytilkomne.",
        ],
        "activities": [
            ("Sprogcafé", "Vi taler dansk sammen over kaffe – alle niveauer er velkomne."),
            ("Venskabsfamilier", "En dansk familie og en nytilkommen familie mødes jævnligt."),
            ("Hjælp til breve", "Frivillige hjælper med breve fra kommunen, skolen og "
             "Skattestyrelsen."),
            ("Kvindecafé", "Fællesskab, madlavning og motion for kvinder med anden etnisk "
             "baggrund."),
        ],
    },
}  # fmt: skip
GENERIC_PROFILE = {
    "names": ["Frivilliggruppen {town}", "Netværket {town}", "Fællesskabet {town}"],
    "short": ["Frivilligt socialt arbejde for borgere i {town}."],
    "activities": [("Åbent fællesskab", "Et åbent mødested med frivillige.")],
}
ABOUT = [
    "Foreningen blev stiftet for over ti år siden og drives udelukkende af frivillige.",
    "Vi samarbejder med kommunen, frivilligcentret og de andre foreninger i området.",
    "Alle nye frivillige får en introduktion og kan deltage i kurser.",
    "Du kan henvende dig selv, eller en pårørende eller en medarbejder kan hjælpe med kontakten.",
    "Vi mødes i foreningens lokaler og i byens medborgerhus.",
    "Vi har tavshedspligt, og det er gratis at deltage.",
]
DECLINE_REASON = "Aktiviteten er allerede dækket af et kommunalt tilbud i samme periode."
PARTIAL_REASON = "Puljen er søgt af mange; aktiviteten prioriteres, men med et mindre beløb."
# Outcomes of a decided round and their weights.
DECIDED_OUTCOMES = [
    (Status.REPORT_APPROVED, 25),
    (Status.REPORTED, 5),
    (Status.REPORT_DUE, 5),
    (Status.GRANTED, 10),
    (Status.DECLINED, 40),
    (Status.WITHDRAWN, 10),
    (Status.DRAFT, 5),
]
OPEN_OUTCOMES = [(Status.SUBMITTED, 50), (Status.UNDER_REVIEW, 30), (Status.DRAFT, 20)]
KIND_WEIGHTS = [(Pool.Kind.SECTION_18, 50), (Pool.Kind.SECTION_79, 25), (Pool.Kind.CO_CREATION, 25)]


def _rng(*parts):
    """A generator seeded by the parts: the same data on every run, not for secrets."""
    return random.Random("-".join(str(part) for part in (SEED, *parts)))  # noqa: S311


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


@dataclass
class Lookups:
    focus_areas: list
    regions: list
    target_groups: list

    @classmethod
    def load(cls):
        return cls(
            list(FocusArea.objects.order_by("number")),
            list(Region.objects.order_by("order", "name")),
            list(TargetGroup.objects.order_by("order", "name")),
        )


@dataclass
class Built:
    """An unsaved association with what it links to and its unsaved activities."""

    association: Association
    target_groups: list
    regions: list
    focus_areas: list
    activities: list


def _association(number, lookups):
    """Association `number`, invented from its number."""
    rng = _rng("association", number)
    primary = rng.choice(lookups.target_groups)
    profile = PROFILES.get(primary.slug, GENERIC_PROFILE)
    town, postcode = rng.choice(TOWNS)
    name = rng.choice(profile["names"]).format(town=town)
    status = _pick(
        rng,
        [
            (Association.Status.APPROVED, 88),
            (Association.Status.PENDING, 6),
            (Association.Status.INACTIVE, 4),
            (Association.Status.REJECTED, 2),
        ],
    )
    today = timezone.localdate()
    association = Association(
        name=name,
        slug=f"{danish_slugify(name)}-{number}",
        cvr=f"{30000000 + number:08d}" if rng.random() < 0.6 else "",
        kind=rng.choice(Association.Kind.values),
        short_description=rng.choice(profile["short"]).format(town=town),
        description="\n\n".join(rng.sample(ABOUT, 3)),
        street=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
        postcode=postcode,
        town=town,
        website=f"https://{danish_slugify(name)}.example.dk" if rng.random() < 0.5 else "",
        phone=f"{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)}",
        email=f"kontakt{number}@{danish_slugify(name)[:40]}.example.dk",
        status=status,
        rejection_reason="Foreningen arbejder ikke på det sociale område."
        if status == Association.Status.REJECTED
        else "",
        confirmed_on=today - datetime.timedelta(days=rng.randint(0, 500)),
        child_certificate_checked_on=today - datetime.timedelta(days=rng.randint(0, 700))
        if primary.slug == "boern-og-unge"
        else None,
    )
    target_groups = [primary]
    if rng.random() < 0.3:
        target_groups.append(rng.choice([g for g in lookups.target_groups if g != primary]))
    regions = rng.sample(lookups.regions, _pick(rng, [(1, 70), (2, 20), (3, 10)]))
    focus_areas = rng.sample(lookups.focus_areas, _pick(rng, [(1, 60), (2, 40)]))
    activities = []
    for title, description in rng.sample(
        profile["activities"], min(ACTIVITIES_PER_ASSOCIATION, len(profile["activities"]))
    ):
        online = rng.random() < 0.1
        recurrence = _pick(rng, [("weekly", 60), ("fortnightly", 20), ("monthly", 10), ("", 10)])
        start_hour = rng.randint(9, 19)
        activity = Activity(
            title=title,
            description=description,
            involves_children_under_15=primary.slug == "boern-og-unge" and rng.random() < 0.7,
            online=online,
            street="" if online else association.street,
            postcode="" if online else postcode,
            town="" if online else town,
            region=rng.choice(regions),
            recurrence=recurrence,
            weekday=rng.randint(0, 6) if recurrence else None,
            starts_at=datetime.time(start_hour) if recurrence else None,
            ends_at=datetime.time(start_hour + 2) if recurrence else None,
            when="" if recurrence else "Efter aftale",
            contact_name=rng.choice(FIRST_NAMES),
            contact_phone=association.phone,
            wants_volunteers=rng.random() < 0.4,
        )
        activities.append(activity)
    return Built(association, target_groups, regions, focus_areas, activities)


def prepare(this_year):
    """Pools for five years (the data file's, at national scale) with two rounds each."""
    current = Pool.objects.filter(year=this_year)
    current.update(
        budget=F("budget") * BUDGET_SCALE, section_18_total=F("section_18_total") * BUDGET_SCALE
    )
    for year in range(this_year - YEARS + 1, this_year):
        for pool in current:
            fields = {
                field.name: getattr(pool, field.name)
                for field in Pool._meta.concrete_fields
                if field.name not in ("id", "year")
            }
            Pool.objects.create(year=year, **fields)
    today = timezone.localdate()
    for pool in Pool.objects.all():
        Round.objects.create(
            pool=pool,
            title="Forårsrunden",
            opens_on=datetime.date(pool.year, 2, 1),
            deadline=datetime.date(pool.year, 3, 15),
            decision_expected_on=datetime.date(pool.year, 4, 30),
        )
        if pool.year == this_year:
            autumn = [today - datetime.timedelta(days=7), today + datetime.timedelta(days=30)]
        else:
            autumn = [datetime.date(pool.year, 8, 15), datetime.date(pool.year, 9, 30)]
        Round.objects.create(
            pool=pool,
            title="Efterårsrunden",
            opens_on=autumn[0],
            deadline=autumn[1],
            decision_expected_on=autumn[1] + datetime.timedelta(days=45),
        )


@dataclass
class PlannedApplication:
    association_number: int
    year: int
    kind: str
    fields: dict
    focus_areas: list


def _application_plan(total, this_year, lookups):
    """Every application of `total` associations, planned for the full size at once so that the
    grants of any first part also stay within the budgets."""
    rounds = {
        (round_.pool.year, round_.pool.kind, round_.title): round_
        for round_ in Round.objects.select_related("pool")
    }
    today = timezone.localdate()
    plan = []
    numbers = {}
    for association_number in range(total):
        rng = _rng("applications", association_number)
        for _ in range(APPLICATIONS_PER_ASSOCIATION):
            year = rng.randint(this_year - YEARS + 1, this_year)
            kind = _pick(rng, KIND_WEIGHTS)
            round_ = rounds[(year, kind, rng.choice(["Forårsrunden", "Efterårsrunden"]))]
            status = _pick(rng, OPEN_OUTCOMES if round_.deadline >= today else DECIDED_OUTCOMES)
            applied = rng.randrange(5_000, 80_001, 500)
            numbers[year, kind] = numbers.get((year, kind), 0) + 1
            decided = status in (*GRANTED_STATUSES, Status.DECLINED)
            fields = {
                "round": round_,
                "reference": ""
                if status == Status.DRAFT
                else f"{year}-{KIND_CODES[kind]}-{numbers[year, kind]:04d}",
                "status": status,
                "title": rng.choice(PROFILES[rng.choice(list(PROFILES))]["activities"])[0],
                "purpose": "Aktiviteten skal styrke fællesskabet og nå flere borgere.",
                "expected_participants": rng.randint(10, 200),
                "expected_volunteers": rng.randint(2, 30),
                "period_start": datetime.date(year, 5, 1),
                "period_end": datetime.date(year, 12, 31),
                "open_to_over_65_confirmed": kind == Pool.Kind.SECTION_79,
                "contact_name": rng.choice(FIRST_NAMES),
                "contact_email": f"ansoegning{association_number}@example.dk",
                "amount_applied": applied,
                "amount_granted": applied if status in GRANTED_STATUSES else None,
                "decision_reason": DECLINE_REASON if status == Status.DECLINED else "",
                "submitted_at": None
                if status == Status.DRAFT
                else _moment(round_.deadline, hour=12),
                "decided_at": _moment(round_.decision_expected_on, hour=10) if decided else None,
                "report_due_on": datetime.date(year + 1, 3, 31)
                if status in GRANTED_STATUSES
                else None,
            }
            # A co-creation application must name a focus area; the others may.
            areas = rng.sample(
                lookups.focus_areas,
                rng.randint(1, 2) if kind == Pool.Kind.CO_CREATION else rng.randint(0, 1),
            )
            plan.append(PlannedApplication(association_number, year, kind, fields, areas))
    _fit_budgets(plan)
    return plan


def _moment(day, *, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _fit_budgets(plan):
    """Cut the grants of each pool and year proportionally to stay within its budget."""
    budgets = {(pool.year, pool.kind): pool.budget for pool in Pool.objects.all()}
    granted = {}
    for item in plan:
        key = (item.year, item.kind)
        granted[key] = granted.get(key, 0) + (item.fields["amount_granted"] or 0)
    for item in plan:
        fields = item.fields
        budget = budgets[item.year, item.kind]
        total = granted[item.year, item.kind]
        if not fields["amount_granted"] or budget is None or total <= budget * BUDGET_USE:
            continue
        cut = max(1, int(fields["amount_granted"] * budget * BUDGET_USE / total))
        if cut < fields["amount_granted"]:
            fields["amount_granted"] = cut
            fields["decision_reason"] = PARTIAL_REASON
            if fields["status"] == Status.GRANTED:
                fields["status"] = Status.PARTIALLY_GRANTED


def _link(field, target_name, pairs):
    """Bulk-create the rows of a many-to-many `field` from (owner, targets) pairs."""
    through = field.through
    owner_name = field.field.m2m_field_name()
    through.objects.bulk_create(
        through(**{owner_name: owner, target_name: target})
        for owner, targets in pairs
        for target in targets
    )


@transaction.atomic
def grow(total, *, start):
    """Add associations number `start` to `total - 1` with their activities and applications."""
    lookups = Lookups.load()
    built = {number: _association(number, lookups) for number in range(start, total)}
    rows = list(built.values())
    Association.objects.bulk_create([row.association for row in rows])
    _link(Association.focus_areas, "focusarea", [(r.association, r.focus_areas) for r in rows])
    _link(Association.regions, "region", [(r.association, r.regions) for r in rows])
    _link(
        Association.target_groups, "targetgroup", [(r.association, r.target_groups) for r in rows]
    )
    for row in rows:
        for activity in row.activities:
            activity.association = row.association
    Activity.objects.bulk_create([activity for row in rows for activity in row.activities])
    _link(
        Activity.target_groups,
        "targetgroup",
        [(activity, row.target_groups) for row in rows for activity in row.activities],
    )
    planned = [
        item
        for item in _application_plan(total, timezone.localdate().year, lookups)
        if item.association_number in built
    ]
    applications = Application.objects.bulk_create(
        Application(
            association=built[item.association_number].association,
            activity=built[item.association_number].activities[0],
            **item.fields,
        )
        for item in planned
    )
    pairs = list(zip(applications, planned, strict=True))
    _link(Application.focus_areas, "focusarea", [(a, item.focus_areas) for a, item in pairs])
    _link(
        Application.target_groups,
        "targetgroup",
        [
            (application, built[item.association_number].target_groups[:1])
            for application, item in pairs
        ],
    )
    return len(rows), sum(len(row.activities) for row in rows), len(applications)

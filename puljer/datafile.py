"""The `pools` section of a municipality's data file: which pools it has and their texts."""

from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.datafile import (
    Choice,
    DataFileError,
    Int,
    List,
    Mapping,
    Rule,
    Section,
    Str,
    Text,
    node_line,
    with_english,
)
from puljer.models import Pool
from puljer.services import pool_budgets_set

# What an application to each kind of pool must contain, by the rules of the grant.
KIND_RULES = {
    Pool.Kind.SECTION_18: {},
    Pool.Kind.SECTION_79: {"requires_over_65_confirmation": True},
    Pool.Kind.CO_CREATION: {"requires_focus_area": True, "requires_co_creation_description": True},
}


AMOUNT = Int(maximum=10**12)
FLAGS = ("requires_annual_accounts", "forbids_double_funding", "requires_repayment")
LIMIT = Rule({"amount": Int(required=True, maximum=2_000_000_000)})

SCHEMA = List(
    Mapping(
        {
            "kind": Choice(Pool.Kind.values, required=True),
            "name": Text(required=True, max_length=150),
            "legal_basis": Str(required=True, max_length=300),
            "description": Text(required=True),
            "criteria": List(Rule({"text": Text(required=True)})),
            "decision_text": Str(),
            "decision_authority": Rule(
                {
                    "kind": Choice(Pool.Authority.values, required=True),
                    "name": Str(required=True, max_length=150),
                    "role": Str(max_length=150),
                }
            ),
            # Only when a document names an appeal body; otherwise the letters give the
            # default guidance, which names none (puljer/letters.py).
            "appeal": Rule(
                {
                    "body": Str(required=True, max_length=200),
                    "how": Str(required=True),
                    "deadline": Str(required=True, max_length=200),
                }
            ),
            "yearly_amount": AMOUNT,
            "share_percent": Int(maximum=100),
            "requires_annual_accounts": Rule({}),
            "forbids_double_funding": Rule({}),
            "requires_repayment": Rule({}),
            "declaration_limit": LIMIT,
            "audit_limit": LIMIT,
            "report_months": Rule({"months": Int(required=True, minimum=1, maximum=36)}),
        }
    )
)


def check(items, nodes):
    kinds = [item["kind"] for item in items]
    for index, (item, node) in enumerate(zip(items, nodes, strict=True)):
        field = f"pools[{index + 1}]"
        if kinds.count(item["kind"]) > 1:
            raise DataFileError(node_line(node), f"{field}.kind", _("each kind may appear once"))
        if item["kind"] == Pool.Kind.CO_CREATION:
            if Pool.Kind.SECTION_18 not in kinds:
                raise DataFileError(
                    node_line(node),
                    f"{field}.kind",
                    _("a co-creation pool is a share of a s18 pool"),
                )
            if item["yearly_amount"] is not None:
                raise DataFileError(
                    node_line(node),
                    f"{field}.yearly_amount",
                    _("the co-creation pool's amount is its share_percent of the s18 amount"),
                )
        elif item["share_percent"] is not None:
            raise DataFileError(
                node_line(node), f"{field}.share_percent", _("only a co_creation pool has a share")
            )
        declaration, audit = item["declaration_limit"], item["audit_limit"]
        if declaration and audit and audit["amount"] < declaration["amount"]:
            raise DataFileError(
                node_line(node),
                f"{field}.audit_limit.amount",
                _("must not be below declaration_limit"),
            )


def _rules(item):
    """The pool's rules as model fields: those the file leaves out do not apply."""
    criteria = [rule["text"] for rule in item["criteria"]]
    return {
        "criteria": "\n".join(f"- {text}" for text in criteria),
        "criteria_en": "\n".join(f"- {text.en}" for text in criteria if text.en),
        **{flag: item[flag] is not None for flag in FLAGS},
        "declaration_limit": (item["declaration_limit"] or {}).get("amount"),
        "audit_limit": (item["audit_limit"] or {}).get("amount"),
        "report_months": (item["report_months"] or {}).get("months"),
        "rule_sources": {
            name: item[name]["source"]
            for name in (*FLAGS, "declaration_limit", "audit_limit", "report_months")
            if item[name]
        },
    }


def load(items):
    """Create or update this year's pools from the file; amounts left out stay “not set”."""
    year = timezone.localdate().year
    by_kind = {}
    for item in items:
        fields = with_english(
            {
                name: item[name] or ""
                for name in (
                    "name",
                    "legal_basis",
                    "description",
                    "decision_text",
                )
            }
        )
        authority = item["decision_authority"] or {}
        appeal = item["appeal"] or {}
        fields.update(
            decision_authority=authority.get("kind", ""),
            decision_authority_name=authority.get("name", ""),
            decision_authority_role=authority.get("role") or "",
            appeal_body=appeal.get("body", ""),
            appeal_how=appeal.get("how", ""),
            appeal_deadline=appeal.get("deadline", ""),
        )
        fields.update(KIND_RULES[item["kind"]])
        fields.update(_rules(item))
        if item["kind"] == Pool.Kind.SECTION_79:
            fields["budget"] = item["yearly_amount"]
        Pool.objects.update_or_create(year=year, kind=item["kind"], defaults=fields)
        by_kind[item["kind"]] = item
    section_18 = by_kind.get(Pool.Kind.SECTION_18)
    if section_18:
        co_creation = by_kind.get(Pool.Kind.CO_CREATION)
        pool_budgets_set(
            year=year,
            section_18_total=section_18["yearly_amount"],
            share_percent=co_creation["share_percent"] if co_creation else None,
        )


POOLS = Section(name="pools", schema=SCHEMA, load=load, check=check)

"""The `pools` section of a municipality's data file: which pools it has and their texts."""

from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.datafile import (
    Choice,
    DataFileError,
    Int,
    List,
    Mapping,
    Section,
    Str,
    node_line,
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

SCHEMA = List(
    Mapping(
        {
            "kind": Choice(Pool.Kind.values, required=True),
            "name": Str(required=True, max_length=150),
            "legal_basis": Str(required=True, max_length=300),
            "description": Str(required=True),
            "criteria": Str(),
            "decision_text": Str(),
            "complaint_guidance": Str(required=True),
            "yearly_amount": AMOUNT,
            "share_percent": Int(maximum=100),
            "declaration_limit": AMOUNT,
            "audit_limit": AMOUNT,
            "report_months": Int(minimum=1, maximum=36),
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


def load(items):
    """Create or update this year's pools from the file; amounts left out stay “not set”."""
    year = timezone.localdate().year
    by_kind = {}
    for item in items:
        fields = {
            name: item[name] or ""
            for name in (
                "name",
                "legal_basis",
                "description",
                "criteria",
                "decision_text",
                "complaint_guidance",
            )
        }
        fields.update(KIND_RULES[item["kind"]])
        fields["declaration_limit"] = item["declaration_limit"] or 0
        fields["audit_limit"] = item["audit_limit"]
        fields["report_months"] = item["report_months"] or 3
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

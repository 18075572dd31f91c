"""Volunteer jobs for the demo (`manage.py seed_demo`) of the demo associations, read from
demo_opportunities.yaml; the associations' own seed (foreninger.demo) runs first."""

from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from foreninger import demo as association_demo
from foreninger.frivilligjob.models import Opportunity, OpportunityAnswer
from foreninger.models import Association
from frivillig.datafile import yaml_file
from frivillig.models import User
from frivillig.text import danish_slugify

DATA_FILE = Path(__file__).with_name("demo_opportunities.yaml")


def _create_opportunity(row, *, association, today, lookups, member):
    opportunity = Opportunity(
        association=association,
        activity=association.activities.get(title=row["activity"]) if "activity" in row else None,
        title=row["title"],
        description=row["description"].strip(),
        time_commitment=row["time_commitment"],
        skills=row.get("skills", ""),
        region=lookups.regions[row["region"]] if "region" in row else None,
        starts_on=today + timedelta(days=row["starts_in_days"])
        if "starts_in_days" in row
        else None,
        answer_by=today + timedelta(days=row["answer_in_days"]),
    )
    opportunity.full_clean()
    opportunity.save()
    opportunity.target_groups.set(lookups.target_groups[slug] for slug in row["target_groups"])
    for answer_row in row.get("answers", []):
        handled = answer_row.get("handled", False)
        answer = OpportunityAnswer(
            opportunity=opportunity,
            name=answer_row["name"],
            email=answer_row["email"],
            phone=answer_row.get("phone", ""),
            message=answer_row["message"],
            handled_at=timezone.now() if handled else None,
            handled_by=member if handled else None,
        )
        answer.full_clean()
        answer.save()


@transaction.atomic
def seed():
    """Give each demo association that has no volunteer jobs yet its demo jobs; like the
    associations' seed, it leaves what exists untouched, so that it can run again."""
    rows = yaml_file(DATA_FILE)["opportunities"]
    associations = Association.objects.in_bulk(
        {danish_slugify(row["association"]) for row in rows}, field_name="slug"
    )
    lookups = association_demo.Lookups()
    member = User.objects.filter(email=association_demo.demo_data()["demo_member"]["email"]).first()
    today = timezone.localdate()
    waiting = {
        slug for slug, association in associations.items() if not association.opportunities.exists()
    }
    created = 0
    for row in rows:
        slug = danish_slugify(row["association"])
        if slug in waiting:
            _create_opportunity(
                row, association=associations[slug], today=today, lookups=lookups, member=member
            )
            created += 1
    return f"Demo volunteer jobs: {Opportunity.objects.count()} ({created} new)"

"""An association's part in the follow-up group, for its data export and its anonymisation
(foreninger's `association_export_sections` and `association_anonymise_hooks`)."""

from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.utils.translation import gettext as _

from folgegruppe.models import (
    AgendaProposal,
    Candidate,
    ElectionLog,
    GroupSeat,
    VoterRecord,
)
from folgegruppe.services import candidates_blank_for_anonymise
from foreninger.services import anonymised_name
from frivillig.privacy import audit_trail_strip


def _email(user):
    return user.email if user else None


def association_group_data(association):
    """The association's agenda proposals and candidacies (export hook): its
    own candidates and those it nominated from other associations."""
    proposals = AgendaProposal.objects.filter(association=association).select_related(
        "meeting", "proposed_by"
    )
    candidates = Candidate.objects.filter(
        Q(association=association) | Q(nominated_by=association)
    ).select_related("election", "association", "nominated_by")
    return {
        "agenda_proposals": [
            {
                "meeting": proposal.meeting.starts_at,
                "title": proposal.title,
                "description": proposal.description,
                "status": proposal.status,
                "decision_reason": proposal.decision_reason,
                "proposed_by": _email(proposal.proposed_by),
                "created_at": proposal.created_at,
                "decided_at": proposal.decided_at,
            }
            for proposal in proposals
        ],
        "candidacies": [
            {
                "election": candidate.election.title,
                "name": candidate.name,
                "email": candidate.email,
                "association": candidate.association.name,
                "nominated_by": candidate.nominated_by.name,
                "presentation": candidate.presentation,
                "nominated_at": candidate.nominated_at,
                "consented_at": candidate.consented_at,
                "withdrawn_at": candidate.withdrawn_at,
            }
            for candidate in candidates
        ],
    }


def association_group_anonymise(association):
    """Anonymise hook: the association's candidates, seat holders and proposals lose
    their names and texts, and its members their links; elections, results, seats and the
    group's decisions stay. `association` still has its old name, which the log replaces."""
    # The one writer allowed past the freeze of candidates; their log notes and trail go too.
    candidates_blank_for_anonymise(association=association)
    # "<name>, nominated by <association>": also of the other associations' people it nominated.
    _log_replace(ElectionLog.objects.all(), association.name, anonymised_name(association))
    Candidate.objects.filter(nominated_by=association).exclude(
        nominated_by_user__is_staff=True
    ).update(nominated_by_user=None)
    VoterRecord.objects.filter(association=association).exclude(recorded_by__is_staff=True).update(
        recorded_by=None
    )

    seats = GroupSeat.objects.filter(
        Q(association=association) | Q(candidate__association=association)
    )
    seat_label = _("Anonymised member")
    audit_trail_strip(
        GroupSeat,
        pks=list(seats.values_list("pk", flat=True)),
        fields={"person_name"},
        label=lambda pk: seat_label,
    )
    seats.update(person_name=seat_label)

    proposals = AgendaProposal.objects.filter(association=association)
    proposals.update(title=_("Anonymised proposal"), description="")
    proposals.exclude(proposed_by__is_staff=True).update(proposed_by=None)


def _log_replace(entries, old, new):
    """Replace a name in the log's notes; entries by the association's members lose them too."""
    entries = entries.filter(note__contains=old)
    entries.exclude(user__is_staff=True).update(user=None)
    entries.update(note=Replace("note", Value(old), Value(new)))

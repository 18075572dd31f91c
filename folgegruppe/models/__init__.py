"""The follow-up group's models, one module per part."""

from folgegruppe.models.elections import (
    Ballot,
    BallotChoice,
    Candidate,
    CandidateResult,
    Election,
    ElectionLog,
    ElectionResult,
    VoterRecord,
)
from folgegruppe.models.meetings import (
    AgendaProposal,
    Meeting,
    MeetingAttachment,
    MeetingPartner,
    MeetingSettings,
)
from folgegruppe.models.seats import GroupSeat

__all__ = [
    "AgendaProposal",
    "Ballot",
    "BallotChoice",
    "Candidate",
    "CandidateResult",
    "Election",
    "ElectionLog",
    "ElectionResult",
    "GroupSeat",
    "Meeting",
    "MeetingAttachment",
    "MeetingPartner",
    "MeetingSettings",
    "VoterRecord",
]

"""The events app's models, one module per part; import them from here."""

from frivillig.arrangementer.models.events import Event
from frivillig.arrangementer.models.registrations import EventRegistration, RecurringEvent
from frivillig.arrangementer.models.workshops import (
    WorkshopAnswer,
    WorkshopQuestion,
    WorkshopResponse,
    WorkshopTag,
)

__all__ = [
    "Event",
    "EventRegistration",
    "RecurringEvent",
    "WorkshopAnswer",
    "WorkshopQuestion",
    "WorkshopResponse",
    "WorkshopTag",
]

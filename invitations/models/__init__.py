from .rounds import (
    OPEN_STATES,
    PARTICIPATION_MACHINE,
    CitizenLink,
    ExitReason,
    Participation,
    ParticipationEvent,
    ParticipationState,
    Round,
)
from .templates import (
    TEMPLATE_LANGUAGES,
    MessageTemplate,
    MessageTemplateVersion,
    StandardText,
    TemplateKind,
)

__all__ = [
    "OPEN_STATES",
    "PARTICIPATION_MACHINE",
    "TEMPLATE_LANGUAGES",
    "CitizenLink",
    "ExitReason",
    "MessageTemplate",
    "MessageTemplateVersion",
    "Participation",
    "ParticipationEvent",
    "ParticipationState",
    "Round",
    "StandardText",
    "TemplateKind",
]

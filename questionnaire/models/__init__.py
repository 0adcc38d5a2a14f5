from .answers import (
    RESPONSE_MACHINE,
    Answer,
    EntryMethod,
    QuestionnaireResponse,
    ResponseEvent,
    ResponseStatus,
)
from .definition import (
    AnswerOption,
    Question,
    QuestionBlock,
    QuestionKind,
    QuestionnaireVersion,
    QuestionPage,
    SkipRule,
    VersionStatus,
)

__all__ = [
    "RESPONSE_MACHINE",
    "Answer",
    "AnswerOption",
    "EntryMethod",
    "Question",
    "QuestionBlock",
    "QuestionKind",
    "QuestionPage",
    "QuestionnaireResponse",
    "QuestionnaireVersion",
    "ResponseEvent",
    "ResponseStatus",
    "SkipRule",
    "VersionStatus",
]

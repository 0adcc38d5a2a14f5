from django.utils.translation import gettext as _


class SchedulingError(ValueError):
    """A change of the web times that cannot be made; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SlotUnavailable(SchedulingError):
    """The time cannot be booked (taken meanwhile, passed, blocked or not for the web)."""

    @classmethod
    def taken(cls) -> "SlotUnavailable":
        return cls(_("Someone else has just booked that time. Please choose another time."))

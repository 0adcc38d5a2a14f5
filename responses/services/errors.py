class BookingError(ValueError):
    """A booking change that cannot be made; the message says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

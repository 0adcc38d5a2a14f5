"""SMS backends for tests: one that records, one that fails a number of times first."""

from notifications.backends import DeliveryError


class RecordingSms:
    sent: list[tuple[str, str]] = []

    def send(self, *, to: str, text: str) -> None:
        RecordingSms.sent.append((to, text))


class FlakySms:
    """Fails `failures_left` times, then delivers."""

    failures_left = 0
    sent: list[tuple[str, str]] = []

    def send(self, *, to: str, text: str) -> None:
        if FlakySms.failures_left > 0:
            FlakySms.failures_left -= 1
            raise DeliveryError("SMS gateway unavailable")
        FlakySms.sent.append((to, text))

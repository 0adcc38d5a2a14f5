"""Delivery backends: where a message goes, behind one small interface each.

- inbox messages go to an `InboxAdapter` (the portal's own citizen inbox by
  default; a 1177 integration implements the same interface, see ADR 0012);
- e-mail goes through Django's e-mail backend (EMAIL_URL);
- SMS goes through the backend named by RHS_SMS_BACKEND (console by default).

A backend raises `DeliveryError` for a failure worth retrying and
`PermanentDeliveryError` for one that no retry can fix.
"""


class DeliveryError(Exception):
    """The attempt failed; a later one may work (network, provider down)."""


class PermanentDeliveryError(Exception):
    """No attempt can work (e.g. no address to send to)."""

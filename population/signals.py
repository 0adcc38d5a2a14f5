"""Signals other apps listen to (population imports no other app of ours).

`persons_left_unit` is sent inside the transaction that records the change,
so a receiver's writes commit or roll back with it.
Arguments: unit_id (the unit they left; None for any), person_ids, reason
("moved", "not_listed" or "deceased"), now, actor.
"""

from django.dispatch import Signal

persons_left_unit = Signal()

LEFT_MOVED = "moved"
LEFT_NOT_LISTED = "not_listed"
LEFT_DECEASED = "deceased"

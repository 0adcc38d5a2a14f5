"""Signals other apps listen to (invitations imports none of the apps that listen).

`participation_answered` is sent inside the transaction that records an answer
(in the portal, by phone or on paper; a decline too), so a receiver's writes —
e.g. the reminder engine cancelling every pending reminder — commit or roll back
with it. Arguments: participation, case (or None), answer, channel ("portal",
"phone", "letter"), now, actor.
"""

from django.dispatch import Signal

participation_answered = Signal()

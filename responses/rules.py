"""The booking rules, in one place (read by the services, the selectors and the pages)."""

import datetime as dt

from invitations.models import ParticipationState

_P = ParticipationState

# Citizens book on the web at least a week ahead, so the lab samples can be taken before the visit,
# and change or cancel on the web until a day before; later changes are made on the phone.
WEB_BOOKING_LEAD = dt.timedelta(days=7)
WEB_CHANGE_CUTOFF = dt.timedelta(hours=24)
# How far ahead the citizen's page offers times.
WEB_BOOKING_HORIZON = dt.timedelta(days=120)
# Lab samples are taken at least this long before the visit.
LAB_BEFORE_VISIT = dt.timedelta(days=7)

# States from which a time can be booked: by staff, and by the citizen on the web.
STAFF_BOOKABLE = frozenset({_P.SELECTED, _P.INVITED, _P.ANSWERED, _P.BOOKED, _P.DECLINED, _P.NOT_REACHED})
WEB_BOOKABLE = frozenset({_P.INVITED, _P.ANSWERED, _P.BOOKED})

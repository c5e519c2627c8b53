# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The host's settings for the kiosk-against-server tests: the kiosk's rates
raised, and the app's clock moved as the kiosk's is.

Rates: these tests enroll about ten kiosks, and one kiosk killed and
restarted dozens of times a minute sends its uploads and pulls again and
again; at the real rates (10 enrollments a minute per IP, 10 bookings and 120
other uploads a minute per device, docs/kiosk-api.md §3.3) the kiosk would
honour Retry-After and wait, which tests nothing here but the clock.
Throttling is the app's own tests' business; every other setting is the
host's.

Clock: KIOSK_TEST_CLOCK_OFFSET (seconds added to the real clock, the
variable the kiosk and the contract server of tests/server read) moves
django.utils.timezone.now, which is where the app and the host take "now"
from (and localtime/localdate through it). It is patched here, while the
settings load and before any app module is imported, so that even a
`default=timezone.now` of a model gets the moved clock. (libfaketime does
the same for a whole process, but makes daphne's every request tens of times
slower.) PostgreSQL's now() stays real, and so does the Date header (Django's
http_date): the kiosk reckons its clock skew (§4) from it against its real
clock, not the moved one, and would warn of days of skew otherwise.
"""

import os
from datetime import timedelta

from host.settings import *  # noqa: F401,F403

from salonity_kiosk.conf import DEFAULTS as _KIOSK_DEFAULTS

KIOSK_THROTTLE_RATES = {scope: "10000/min" for scope in _KIOSK_DEFAULTS["KIOSK_THROTTLE_RATES"]}

_offset = float(os.environ.get("KIOSK_TEST_CLOCK_OFFSET") or 0)
if _offset:
    from django.utils import timezone as _timezone

    _real_now = _timezone.now

    def _moved_now():
        return _real_now() + timedelta(seconds=_offset)

    _timezone.now = _moved_now

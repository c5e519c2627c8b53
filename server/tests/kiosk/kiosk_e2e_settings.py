# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The host's settings for the kiosk-against-server tests: two rates raised,
and the app's clock moved as the kiosk's is.

Rates: these tests enroll about ten kiosks and upload a few dozen bookings
per device within a minute or two; at the real rates (10 enrollments a
minute per IP, 10 bookings a minute per device, docs/kiosk-api.md §3.3) the
kiosk would honour Retry-After and wait, which tests nothing here but the
clock. Throttling is the app's own tests' business; every other rate, and
every other setting, is the host's.

Clock: KIOSK_TEST_CLOCK_OFFSET (seconds added to the real clock, the
variable the kiosk and the contract server of tests/server read) moves
django.utils.timezone.now, which is where the app and the host take "now"
from (and localtime/localdate through it). It is patched here, while the
settings load and before any app module is imported, so that even a
`default=timezone.now` of a model gets the moved clock. (libfaketime does
the same for a whole process, but makes daphne's every request tens of times
slower.) PostgreSQL's now() stays real.
"""

import os
from datetime import timedelta

from host.settings import *  # noqa: F401,F403

from salonity_kiosk.conf import DEFAULTS as _KIOSK_DEFAULTS

KIOSK_THROTTLE_RATES = dict(_KIOSK_DEFAULTS["KIOSK_THROTTLE_RATES"],
                            kiosk_enroll="1000/min",
                            kiosk_appointment_create="1000/min")

_offset = float(os.environ.get("KIOSK_TEST_CLOCK_OFFSET") or 0)
if _offset:
    from django.utils import timezone as _timezone

    _real_now = _timezone.now

    def _moved_now():
        return _real_now() + timedelta(seconds=_offset)

    _timezone.now = _moved_now

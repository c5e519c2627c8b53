# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The nudge relay (manage.py kiosk_relay_nudges) with one change, for
server_load.py --relay-fix: an experiment, not what ships.

Relay._wait (salonity_kiosk/nudges.py) selects on the connection's socket
before it looks at conn.notifies. But psycopg2 also files notifications into
conn.notifies whenever it reads from the socket for a query, here the
SELECT of the salons' counters in _dispatch; those then wait until the
socket is readable again, that is until some later notification. After a
change that reaches many salons at once (a shared category renamed) a
third of them waited for the next write anywhere. The change: look at
conn.notifies first."""

import os
import select
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.dirname(HERE)
sys.path[:0] = [os.path.join(SERVER, "tests"), SERVER]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "host.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from salonity_kiosk import nudges  # noqa: E402

_original_wait = nudges.Relay._wait


def _wait(self, conn, timeout):
    if hasattr(conn, "poll") and conn.notifies:
        payloads = {n.payload for n in conn.notifies}
        del conn.notifies[:]
        return payloads
    return _original_wait(self, conn, timeout)


nudges.Relay._wait = _wait

if __name__ == "__main__":
    call_command("kiosk_relay_nudges")

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""manage.py of the host project: `python3 server/tests/manage.py <command>`.

It puts the host apps (server/tests) and the salonity_kiosk package
(server/) on sys.path, so it works from any directory. The database and
Redis come from KIOSK_PG_* / KIOSK_REDIS_URL (see host/settings.py).
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.dirname(HERE)


def main():
    for p in (SERVER, HERE):
        if p not in sys.path:
            sys.path.insert(0, p)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "host.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

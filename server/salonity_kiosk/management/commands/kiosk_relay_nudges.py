# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""manage.py kiosk_relay_nudges: LISTENs for the feed's notifications and
sends each salon's WebSockets a nudge (§3.5, salonity_kiosk/nudges.py).
Runs until stopped (SIGTERM / SIGINT); reconnects by itself."""

import logging
import signal

from django.core.management.base import BaseCommand

from salonity_kiosk.nudges import Relay


class Command(BaseCommand):
    help = "Relay committed kiosk feed changes (PostgreSQL NOTIFY) to the channel layer."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        logging.basicConfig(level=logging.INFO)
        relay = Relay(using=options["database"])
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *a: relay.stop())
        self.stderr.write("kiosk nudge relay: listening")
        relay.run()
        self.stderr.write("kiosk nudge relay: stopped after %d nudges" % relay.sent)

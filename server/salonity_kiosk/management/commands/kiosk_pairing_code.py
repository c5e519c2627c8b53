# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""manage.py kiosk_pairing_code <salon id>: makes a pairing code (§3.1) and
prints its six digits on stdout (when it expires goes to stderr)."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from salonity_kiosk import pairing


class Command(BaseCommand):
    help = "Make a kiosk pairing code for a salon (valid 10 minutes, single use) and print it."

    def add_arguments(self, parser):
        parser.add_argument("salon", help="the salon's id (UUID)")

    def handle(self, *args, **options):
        Salon = apps.get_model("salons", "Salon")
        try:
            salon = Salon.objects.get(pk=options["salon"])
        except (Salon.DoesNotExist, ValidationError, ValueError):
            raise CommandError("no salon with id %s" % options["salon"])
        code, row = pairing.make_code(salon)
        self.stdout.write(code)
        self.stderr.write("pairing code for %s, valid until %s"
                          % (salon, timezone.localtime(row.expires_at).strftime("%H:%M:%S")))

# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
from django.apps import AppConfig


class SalonityKioskConfig(AppConfig):
    name = "salonity_kiosk"
    label = "salonity_kiosk"
    verbose_name = "Salonity Kiosk"
    default_auto_field = "django.db.models.BigAutoField"

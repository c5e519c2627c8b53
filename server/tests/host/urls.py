# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Upstream's routes (salonity/urls.py at f9997ef) plus the kiosk extension
under /api/kiosk/v1/ (docs/kiosk-api.md §3)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/customers/", include("customers.urls")),
    path("api/salons/", include("salons.urls")),
    path("api/services/", include("services.urls")),
    path("api/appointments/", include("appointments.urls")),
    path("api/kiosk/v1/", include("salonity_kiosk.urls")),
]

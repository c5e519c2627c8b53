# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
from django.urls import path

from .views import SalonDetailView, SalonListView

urlpatterns = [
    path("", SalonListView.as_view(), name="salon-list"),
    path("<uuid:id>/", SalonDetailView.as_view(), name="salon-detail"),
]

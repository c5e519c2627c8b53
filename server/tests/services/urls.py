# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
from django.urls import path

from .views import SalonServicesView, ServiceCategoryListView, ServiceListView

urlpatterns = [
    path("", ServiceListView.as_view(), name="service-list"),
    path("categories/", ServiceCategoryListView.as_view(), name="service-categories"),
    path("salon/<uuid:salon_id>/", SalonServicesView.as_view(), name="salon-services"),
]

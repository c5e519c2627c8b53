# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
from django.urls import path

from .views import CustomerLoyaltyView, PointHistoryView, RegisterView

urlpatterns = [
    path("register/", RegisterView.as_view(), name="register"),
    path("loyalty/", CustomerLoyaltyView.as_view(), name="customer-loyalty"),
    path("points/history/", PointHistoryView.as_view(), name="point-history"),
]

# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
from django.urls import path

from .views import (
    AppointmentCancelView,
    AppointmentCreateView,
    AppointmentDetailView,
    AppointmentListView,
    AppointmentUpdateView,
)

urlpatterns = [
    path("", AppointmentListView.as_view(), name="appointment-list"),
    path("create/", AppointmentCreateView.as_view(), name="appointment-create"),
    path("list/", AppointmentListView.as_view(), name="appointment-list-2"),
    path("<uuid:id>/", AppointmentDetailView.as_view(), name="appointment-detail"),
    path("<uuid:id>/update/", AppointmentUpdateView.as_view(), name="appointment-update"),
    path("<uuid:id>/cancel/", AppointmentCancelView.as_view(), name="appointment-cancel"),
]

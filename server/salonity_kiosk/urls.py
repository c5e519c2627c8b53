# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The kiosk extension's routes (§3), to be included by the host under
api/kiosk/v1/:

    path("api/kiosk/v1/", include("salonity_kiosk.urls")),

Every view runs outside ATOMIC_REQUESTS: the feed reads in its own
REPEATABLE READ transaction and an upload claims its Idempotency-Key in a
committed transaction of its own before it runs (idempotency.py)."""

from django.db import transaction
from django.urls import path, re_path

from . import views


def _view(cls):
    return transaction.non_atomic_requests(cls.as_view())


app_name = "salonity_kiosk"

urlpatterns = [
    path("devices/", _view(views.EnrollView), name="devices"),
    path("devices/me/", _view(views.DeviceMeView), name="device-me"),
    path("changes/", _view(views.ChangesView), name="changes"),
    path("customers/", _view(views.CustomerCreateView), name="customers"),
    path("appointments/", _view(views.AppointmentCreateView), name="appointments"),
    path("appointments/<str:pk>/check-in/", _view(views.CheckInView), name="appointment-check-in"),
    path("appointments/<str:pk>/status/", _view(views.AppointmentStatusView), name="appointment-status"),
    path("walkins/", _view(views.WalkInCreateView), name="walkins"),
    path("walkins/<str:pk>/status/", _view(views.WalkInStatusView), name="walkin-status"),
    path("loyalty/redemptions/", _view(views.RedemptionView), name="redemptions"),
    path("events/", _view(views.EventsHttpView), name="events"),
    re_path(r"^.*$", _view(views.NotFoundView)),
]

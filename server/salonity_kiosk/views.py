# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The endpoints of docs/kiosk-api.md §3.1-3.3.

DRF's order as everywhere: authentication (401 with WWW-Authenticate:
Token), permission, throttle (429 with Retry-After), then the handler. The
mutations run under the Idempotency-Key (idempotency.py) and each in its
own transactions, so the views are excluded from ATOMIC_REQUESTS (urls.py).
"""

import uuid

from django.db import transaction
from django.utils.http import http_date
from rest_framework import serializers as drf_serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from . import conf, exceptions, feed, idempotency, nudges, operations, serializers
from .authentication import DeviceTokenAuthentication, IsDevice
from .cursor import BadCursor
from .throttling import KioskRateThrottle


class KioskView(APIView):
    authentication_classes = [DeviceTokenAuthentication]
    permission_classes = [IsDevice]
    throttle_classes = [KioskRateThrottle]
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]

    @property
    def throttle_scope(self):
        return "kiosk_read" if self.request.method in SAFE_METHODS else "kiosk_write"

    def get_exception_handler(self):
        return exceptions.exception_handler

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # §4: the kiosk reads its clock skew from Date. gunicorn and proxies
        # add one; daphne does not.
        if not response.has_header("Date"):
            response["Date"] = http_date()
        return response

    @property
    def device(self):
        return self.request.auth


def _row_id(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFound()


# ------------------------------------------------------------ §3.1 devices


class EnrollView(KioskView):
    """POST devices/: pairing with a code, no token yet; throttled per IP."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_scope = "kiosk_enroll"

    def post(self, request):
        with transaction.atomic():
            status_code, data = operations.enroll(request.data)
        return Response(data, status=status_code)


class DeviceMeView(KioskView):

    def get(self, request):
        d = self.device
        return Response({"device": str(d.id), "salon": str(d.salon_id), "name": d.name})

    def delete(self, request):
        d = self.device
        with transaction.atomic():
            type(d).objects.filter(pk=d.pk, revoked_at__isnull=True).update(revoked_at=_now())
            transaction.on_commit(lambda: nudges.device_revoked(d.pk))
        return Response(status=204)


def _now():
    from django.utils import timezone
    return timezone.now()


# ---------------------------------------------------------------- §3.2 feed


class _Limit(drf_serializers.Serializer):
    limit = drf_serializers.IntegerField(min_value=1, max_value=1000, required=False)


class ChangesView(KioskView):

    def get(self, request):
        params = _Limit(data=request.query_params)
        params.is_valid(raise_exception=True)
        limit = params.validated_data.get("limit") or conf.get("KIOSK_FEED_DEFAULT_LIMIT")
        since = request.query_params.get("since")
        try:
            page = feed.read(self.device.salon_id, since, limit)
        except BadCursor:
            raise ValidationError({"since": ["Geçersiz imleç."]})
        except feed.CursorExpired:
            raise exceptions.cursor_expired()
        return Response({"changes": page.changes, "cursor": page.cursor, "has_more": page.has_more})


# ----------------------------------------------------------- §3.3 uploads


class MutationView(KioskView):
    serializer = None

    def mutate(self, device, data, **kwargs):
        raise NotImplementedError

    def post(self, request, **kwargs):
        def mutation():
            data = serializers.valid(self.serializer, request.data)
            return self.mutate(self.device, data, **kwargs)
        return idempotency.run(request, self.device, mutation)


class CustomerCreateView(MutationView):
    serializer = serializers.CustomerCreate

    def mutate(self, device, data):
        return operations.create_customer(device, data)


class AppointmentCreateView(MutationView):
    serializer = serializers.AppointmentCreate
    throttle_scope = "kiosk_appointment_create"

    def mutate(self, device, data):
        return operations.create_appointment(device, data)


class CheckInView(MutationView):
    serializer = serializers.CheckIn

    def mutate(self, device, data, pk):
        return operations.check_in(device, _row_id(pk), data)


class AppointmentStatusView(MutationView):
    serializer = serializers.AppointmentStatus

    def mutate(self, device, data, pk):
        return operations.appointment_status(device, _row_id(pk), data)


class WalkInCreateView(MutationView):
    serializer = serializers.WalkInCreate

    def mutate(self, device, data):
        return operations.create_walkin(device, data)


class WalkInStatusView(MutationView):
    serializer = serializers.WalkInStatus

    def mutate(self, device, data, pk):
        return operations.walkin_status(device, _row_id(pk), data)


class RedemptionView(MutationView):
    serializer = serializers.Redemption

    def mutate(self, device, data):
        return operations.redeem(device, data)


# ------------------------------------------------------------------- misc


class EventsHttpView(KioskView):
    """The events path reached without a WebSocket upgrade (a WSGI server
    or a proxy that does not pass upgrades): 426, so the kiosk polls (§3.5)."""

    def get(self, request):
        response = Response({"detail": "Bu adres yalnızca WebSocket ile kullanılır."}, status=426)
        response["Upgrade"] = "websocket"
        return response


class NotFoundView(KioskView):
    """Anything else under the prefix: DRF's JSON 404, after authentication."""

    throttle_scope = None

    def _not_found(self, request, *args, **kwargs):
        raise NotFound()

    get = post = put = patch = delete = _not_found

# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The customer app's appointment endpoints, as upstream has them.

They act for the customer whose token is sent (Authorization: Token, §1),
on that customer's appointments only: these are the writes that reach a
salon from outside the kiosk, which salonity_kiosk must pass on in its feed.

As upstream: create answers 201 with the fields it was given (no id), and
cancel is an UpdateAPIView, so it answers PUT and PATCH (POST is 405).
"""

from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from customers.models import Customer

from .models import Appointment
from .serializers import (
    AppointmentCreateSerializer,
    AppointmentDetailSerializer,
    AppointmentListSerializer,
    AppointmentUpdateSerializer,
)


def _customer_of(user):
    try:
        return user.customer_profile
    except Customer.DoesNotExist:
        # Upstream fails with a 500 here; a stand-in says what is wrong.
        raise PermissionDenied("Bu kullanıcının müşteri profili yok.")


class _Own:
    permission_classes = [IsAuthenticated]
    lookup_field = "id"

    def get_queryset(self):
        return Appointment.objects.filter(customer__user=self.request.user)


class AppointmentCreateView(generics.CreateAPIView):
    serializer_class = AppointmentCreateSerializer
    permission_classes = [IsAuthenticated]

    def perform_create(self, serializer):
        serializer.save(customer=_customer_of(self.request.user),
                        price=serializer.validated_data["service"].price)


class AppointmentListView(_Own, generics.ListAPIView):
    serializer_class = AppointmentListSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("salon", "service", "employee").order_by(
            "-appointment_date", "-appointment_time")


class AppointmentDetailView(_Own, generics.RetrieveAPIView):
    serializer_class = AppointmentDetailSerializer


class AppointmentUpdateView(_Own, generics.UpdateAPIView):
    serializer_class = AppointmentUpdateSerializer


class AppointmentCancelView(_Own, generics.UpdateAPIView):
    serializer_class = AppointmentUpdateSerializer

    def update(self, request, *args, **kwargs):
        appointment = self.get_object()
        appointment.status = "cancelled"
        appointment.save()
        return Response({"message": "Randevu iptal edildi"}, status=status.HTTP_200_OK)

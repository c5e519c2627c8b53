# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Public service lists, as upstream (docs/kiosk-api.md §2)."""

from rest_framework import generics
from rest_framework.permissions import AllowAny

from salons.serializers import ServiceCategorySerializer, ServiceSerializer

from .models import Service, ServiceCategory


class ServiceListView(generics.ListAPIView):
    queryset = Service.objects.filter(is_active=True).select_related("category")
    serializer_class = ServiceSerializer
    permission_classes = [AllowAny]


class ServiceCategoryListView(generics.ListAPIView):
    queryset = ServiceCategory.objects.all()
    serializer_class = ServiceCategorySerializer
    permission_classes = [AllowAny]


class SalonServicesView(generics.ListAPIView):
    serializer_class = ServiceSerializer
    permission_classes = [AllowAny]

    def get_queryset(self):
        return Service.objects.filter(salon_id=self.kwargs["salon_id"],
                                      is_active=True).select_related("category")

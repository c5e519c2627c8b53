# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""GET /api/salons/ and GET /api/salons/{id}/, public, as upstream (§2).

Upstream's owner registration and profile routes are not reproduced: the
kiosk never calls them (and upstream's registration cannot make a salon
without an address anyway).
"""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, generics
from rest_framework.permissions import AllowAny

from .models import Salon
from .serializers import SalonDetailSerializer, SalonListSerializer


class SalonListView(generics.ListAPIView):
    queryset = Salon.objects.filter(is_active=True)
    serializer_class = SalonListSerializer
    permission_classes = [AllowAny]
    filter_backends = [DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    filterset_fields = ["salon_type", "city", "district", "is_verified"]
    search_fields = ["name", "description", "address"]
    ordering_fields = ["rating", "total_reviews", "created_at"]
    ordering = ["-rating", "-total_reviews"]


class SalonDetailView(generics.RetrieveAPIView):
    queryset = Salon.objects.filter(is_active=True).prefetch_related(
        "working_hours", "employees", "services__category")
    serializer_class = SalonDetailSerializer
    permission_classes = [AllowAny]
    lookup_field = "id"

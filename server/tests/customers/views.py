# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Upstream's customer endpoints that matter to a salon's data: registration,
the loyalty summary and the point history. (Upstream's login does not hand
out a token, and its profile update is not reproduced.)"""

from rest_framework import generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import CustomerLoyaltySerializer, PointHistorySerializer, RegisterSerializer


class RegisterView(APIView):
    permission_classes = [AllowAny]

    def post(self, request):
        serializer = RegisterSerializer(data=request.data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        user = serializer.save()
        return Response({"user_id": user.id, "username": user.username,
                         "message": "Kullanıcı başarıyla kayıt oldu"},
                        status=status.HTTP_201_CREATED)


class CustomerLoyaltyView(generics.RetrieveAPIView):
    serializer_class = CustomerLoyaltySerializer
    permission_classes = [IsAuthenticated]

    def get_object(self):
        return self.request.user.customer_profile


class PointHistoryView(generics.ListAPIView):
    serializer_class = PointHistorySerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return self.request.user.customer_profile.point_history.all()

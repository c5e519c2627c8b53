# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""WebSocket routes (§3.5), for the host's ASGI application:

    ProtocolTypeRouter({"http": django_asgi_app,
                        "websocket": URLRouter(salonity_kiosk.routing.websocket_urlpatterns)})
"""

from django.urls import path

from .consumers import EventsConsumer

websocket_urlpatterns = [
    path("api/kiosk/v1/events/", EventsConsumer.as_asgi()),
]

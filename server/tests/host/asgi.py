# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""ASGI entry point: Django for HTTP, the kiosk's live nudges for WebSocket
(docs/kiosk-api.md §3.5). daphne serves both on one port (tests/live.py)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "host.settings")

# Django must be set up before anything imports models (the routing does).
django_http = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from salonity_kiosk.routing import websocket_urlpatterns  # noqa: E402

if os.environ.get("KIOSK_SERVE_STATIC") == "1":
    # live.py has no front web server: let daphne serve the admin's CSS and JS.
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    django_http = ASGIStaticFilesHandler(django_http)

application = ProtocolTypeRouter(
    {
        "http": django_http,
        "websocket": URLRouter(websocket_urlpatterns),
    }
)

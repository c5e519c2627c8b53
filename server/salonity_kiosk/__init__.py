# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""salonity_kiosk: the kiosk extension of the Salonity API (docs/kiosk-api.md §3).

A reusable Django app added to today's Salonity backend. It never alters the
backend's tables; what it adds lives in its own tables, and the change feed
is filled by PostgreSQL triggers (docs/change-feed.md).
"""

# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""A stand-in for today's Salonity backend (kesknahmet/salonity at f9997ef),
with the salonity_kiosk app added the way a deployment would add it."""

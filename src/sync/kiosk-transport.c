/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
/* Being written (sync issue); see kiosk-transport.h. */
#include "kiosk-transport.h"

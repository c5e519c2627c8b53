/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
/* Being written (sync issue); see kiosk-json.h. */
#include "kiosk-json.h"

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * One block of the day view's grid: an appointment, a walk-in in service
 * or free time. Only the day view makes them (kiosk-day-block-private.h).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_DAY_BLOCK (kiosk_day_block_get_type ())
G_DECLARE_FINAL_TYPE (KioskDayBlock, kiosk_day_block, KIOSK, DAY_BLOCK, GtkButton)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Booking into a free slot: choose a service, see the free slots
 * of the day (kiosk_desk_find_slots), choose the customer (lookup or new),
 * book (kiosk_desk_book). The calendar page shows it beside or over the day
 * view; it says "done" (with the new appointment's id) or "cancelled".
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-context.h"
#include "kiosk-panel.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_BOOKING_PANEL (kiosk_booking_panel_get_type ())
G_DECLARE_FINAL_TYPE (KioskBookingPanel, kiosk_booking_panel, KIOSK, BOOKING_PANEL, KioskPanel)

GtkWidget *kiosk_booking_panel_new   (KioskContext      *context);

/* Starts over for @date ("YYYY-MM-DD"), with @employee_id (NULL: anyone)
 * and @time (seconds since the salon's midnight, -1: none) preselected when
 * the person came from a place in the day view. */
void       kiosk_booking_panel_start (KioskBookingPanel *self,
                                      const char        *date,
                                      const char        *employee_id,
                                      int                time);

/* Forgets the customer, the search text and the choices (staff lock). */
void       kiosk_booking_panel_clear (KioskBookingPanel *self);

/* Signals: "done" (const char *appointment_id), "cancelled" (). */

G_END_DECLS

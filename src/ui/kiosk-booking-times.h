/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The second step of a booking: the free times of the chosen service on a
 * day (kiosk_desk_find_slots), narrowed to one staff member or "anyone",
 * the day before and after, and the next free time when the day has none.
 * Emits ::slot-chosen when a person takes a time.
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-context.h"
#include "kiosk-slots.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_BOOKING_TIMES (kiosk_booking_times_get_type ())
G_DECLARE_FINAL_TYPE (KioskBookingTimes, kiosk_booking_times, KIOSK, BOOKING_TIMES, GtkWidget)

KioskContext *kiosk_booking_times_get_context       (KioskBookingTimes *self);
void          kiosk_booking_times_set_context       (KioskBookingTimes *self,
                                                     KioskContext      *context);

/* Starts on @date ("YYYY-MM-DD") with @employee_id chosen (NULL: anyone)
 * and @time marked (seconds since the salon's midnight, -1: none): reads
 * the staff again and shows the day. */
void          kiosk_booking_times_start             (KioskBookingTimes *self,
                                                     const char        *date,
                                                     const char        *employee_id,
                                                     int                time);

/* The times of @service_id (NULL: none chosen yet); only those who do it
 * are offered to choose from. */
void          kiosk_booking_times_set_service       (KioskBookingTimes *self,
                                                     const char        *service_id);

/* Reads the free times again. With @keep_focus the keyboard stays on the
 * time it was on when the times are rebuilt under it. */
void          kiosk_booking_times_reload            (KioskBookingTimes *self,
                                                     gboolean           keep_focus);

/* Goes back to @slot's day with its time marked, to be focused when the
 * times are next read (once the step is shown again). */
void          kiosk_booking_times_want              (KioskBookingTimes *self,
                                                     const KioskSlot   *slot);

/* The chosen time was taken meanwhile: reads the times as they are now,
 * says @message above them and moves the keyboard to the first. */
void          kiosk_booking_times_show_taken        (KioskBookingTimes *self,
                                                     const char        *message);

/* Forgets the service, the staff choice, the marked time and the times
 * shown; keeps the day. */
void          kiosk_booking_times_clear             (KioskBookingTimes *self);

const char   *kiosk_booking_times_get_date          (KioskBookingTimes *self);
/* The staff member chosen, NULL for anyone. */
const char   *kiosk_booking_times_get_employee      (KioskBookingTimes *self);
/* The name of @employee_id, "Any staff member" when unknown. */
const char   *kiosk_booking_times_get_employee_name (KioskBookingTimes *self,
                                                     const char        *employee_id);

/* Signals: "slot-chosen" (const KioskSlot *slot, valid during the emission). */

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Check-in, booking statuses, free slots and booking (kiosk-desk-bookings.c).
 * Same rules as kiosk-desk.h: each write is the replica row(s) plus its
 * outbox entry in one transaction (durable before the call returns), then a
 * nudge to the sync engine and KioskContext::replica-changed; errors are
 * KIOSK_DESK_ERROR with a translated sentence for the screen; no GTK; logs
 * carry ids only.
 */
#pragma once

#include "kiosk-desk.h"
#include "kiosk-slots.h"

G_BEGIN_DECLS

typedef enum {
  KIOSK_ARRIVAL_ON_TIME,
  KIOSK_ARRIVAL_EARLY,     /* more than the late threshold before the start */
  KIOSK_ARRIVAL_LATE,      /* more than the late threshold after the start */
} KioskArrival;

/* Today's bookings of the person with this phone (customer mode) that are
 * not cancelled, completed or no-show, by time. An unknown phone or one
 * with no booking today gives an empty array (the screen says so); an
 * impossible phone is KIOSK_DESK_ERROR_INVALID. */
GPtrArray *kiosk_desk_find_bookings_today (KioskContext  *context,
                                           const char    *phone_input,
                                           GError       **error);   /* KioskAppointmentRow * */

/* Checks a booking in now. A cancelled, completed or no-show booking, or
 * one of another day, is KIOSK_DESK_ERROR_REFUSED with a sentence that says
 * which; one already checked in is fine (nothing new is queued). @arrival
 * and @minutes_off (how early or late, ≥ 0) may be NULL. */
gboolean   kiosk_desk_check_in            (KioskContext  *context,
                                           const char    *appointment_id,
                                           KioskArrival  *arrival,
                                           int           *minutes_off,
                                           GError       **error);

/* Check-in at the kiosk opens the checkin-opens-before setting's minutes
 * before the booking's start: *@opens_at (seconds since the salon's
 * midnight, may be NULL) and whether that time has come. A booking of
 * another day is TRUE (kiosk_desk_check_in() says why it cannot be). */
gboolean   kiosk_desk_check_in_is_open    (KioskContext            *context,
                                           const KioskAppointment  *appointment,
                                           int                     *opens_at);

/* The customer checks in at the kiosk: kiosk_desk_check_in(), but before
 * kiosk_desk_check_in_is_open() it is KIOSK_DESK_ERROR_REFUSED, "You can
 * check in from 12:30." Staff check people in at any time. */
gboolean   kiosk_desk_check_in_self       (KioskContext  *context,
                                           const char    *appointment_id,
                                           KioskArrival  *arrival,
                                           int           *minutes_off,
                                           GError       **error);

/* Whether the salon is open now, and if not when it opens next (the
 * salon's hours in the replica, the context's clock): for the welcome page
 * and the walk-in queue. Nothing known (not paired) is closed with
 * days_ahead -1. */
gboolean   kiosk_desk_get_opening         (KioskContext  *context,
                                           KioskOpening  *opening,
                                           GError       **error);

/* Staff: confirmed (from pending), completed, cancelled or no_show. */
gboolean   kiosk_desk_set_appointment_status (KioskContext           *context,
                                              const char             *appointment_id,
                                              KioskAppointmentStatus  status,
                                              GError                **error);

/* The free slots of @service_id on @date ("YYYY-MM-DD") for @employee_id
 * (NULL: anyone), counting the kiosk's own pending bookings, from now on. */
GPtrArray *kiosk_desk_find_slots          (KioskContext      *context,
                                           const char        *service_id,
                                           const char        *date,
                                           const char        *employee_id,
                                           KioskSlotsReason  *reason,
                                           GError           **error);   /* KioskSlot * */

/* Books @customer_id for @service_id at @date/@time (seconds since the
 * salon's midnight) with @employee_id (NULL: anyone, the first free able
 * employee is written down). A slot that is no longer free in the replica is
 * KIOSK_DESK_ERROR_REFUSED. Returns the new appointment's id (pending). */
char      *kiosk_desk_book                (KioskContext  *context,
                                           const char    *customer_id,
                                           const char    *service_id,
                                           const char    *employee_id,
                                           const char    *date,
                                           int            time,
                                           const char    *notes,
                                           GError       **error);

G_END_DECLS

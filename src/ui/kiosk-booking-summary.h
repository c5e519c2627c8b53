/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The last step of a booking: what is about to be booked (service, day and
 * time, staff member, customer) and Book (kiosk_desk_book, offline-first:
 * a replica row and its outbox entry). Emits ::booked with the new
 * appointment's id, or ::slot-taken when the desk finds the time taken
 * meanwhile; any other refusal is said here.
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-context.h"
#include "kiosk-records.h"
#include "kiosk-slots.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_BOOKING_SUMMARY (kiosk_booking_summary_get_type ())
G_DECLARE_FINAL_TYPE (KioskBookingSummary, kiosk_booking_summary, KIOSK, BOOKING_SUMMARY, GtkWidget)

KioskContext *kiosk_booking_summary_get_context (KioskBookingSummary *self);
void          kiosk_booking_summary_set_context (KioskBookingSummary *self,
                                                 KioskContext        *context);

/* Shows @service at @slot with @employee_name for @customer, ready to
 * book. @employee_id is who to book with: NULL for anyone, and the server
 * picks whoever is free when it gets the booking. */
void          kiosk_booking_summary_show        (KioskBookingSummary *self,
                                                 const KioskService  *service,
                                                 const KioskSlot     *slot,
                                                 const char          *employee_name,
                                                 const char          *employee_id,
                                                 const KioskCustomer *customer);

/* Moves the keyboard to Book; once the step is shown. */
void          kiosk_booking_summary_focus       (KioskBookingSummary *self);

/* Drops what was to be booked (another step is shown): Book does nothing. */
void          kiosk_booking_summary_forget      (KioskBookingSummary *self);

/* Forgets it all, the rows shown too (staff lock, a new booking). */
void          kiosk_booking_summary_clear       (KioskBookingSummary *self);

/* Signals: "booked" (const char *appointment_id),
 *          "slot-taken" (const char *message). */

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The third step of a booking: who it is for. Staff find the customer by
 * name or phone (KioskCustomerSearch) or add a new one with the KVKK
 * consent (kiosk_desk_register_customer); a phone that is already a
 * member's offers that member instead. Emits ::customer-chosen.
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_BOOKING_CUSTOMER (kiosk_booking_customer_get_type ())
G_DECLARE_FINAL_TYPE (KioskBookingCustomer, kiosk_booking_customer, KIOSK, BOOKING_CUSTOMER, GtkWidget)

KioskContext *kiosk_booking_customer_get_context  (KioskBookingCustomer *self);
void          kiosk_booking_customer_set_context  (KioskBookingCustomer *self,
                                                   KioskContext         *context);

/* Shows what is being booked (@choice: "<service>, <date>, <time> with
 * <staff>") and moves the keyboard to the search; once the step is shown. */
void          kiosk_booking_customer_start        (KioskBookingCustomer *self,
                                                   const char           *choice);

/* Forgets the search and its results (the next booking starts without
 * this customer). */
void          kiosk_booking_customer_clear_search (KioskBookingCustomer *self);

/* Forgets everything typed or shown: the search, the new customer's form
 * and what is being booked (staff lock). */
void          kiosk_booking_customer_clear        (KioskBookingCustomer *self);

/* Signals: "customer-chosen" (const char *customer_id). */

G_END_DECLS

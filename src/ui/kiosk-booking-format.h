/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * How the steps of a booking (kiosk-booking-panel.h) put a service, a day,
 * a free time and a customer into words. Plain functions.
 */
#pragma once

#include <glib.h>

#include "kiosk-context.h"
#include "kiosk-records.h"
#include "kiosk-slots.h"

G_BEGIN_DECLS

/* "45 dk · ₺350,00": how long a service takes and what it costs. */
char *kiosk_booking_format_service  (const KioskService  *service);

/* @date ("YYYY-MM-DD") as a long date in the salon's time zone; today for
 * NULL or a date that is not one. */
char *kiosk_booking_format_date     (KioskContext        *context,
                                     const char          *date);

/* "14:30 with Ayşe Kaya": a free time and who is free then, as its button
 * says it to a screen reader. */
char *kiosk_booking_format_slot     (const KioskSlot     *slot,
                                     const char          *employee_name);

/* The customer's first and last name, or "Guest" without either. */
char *kiosk_booking_format_customer (const KioskCustomer *customer);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The first step of a booking: the salon's active services, one toggle
 * each (name, duration and price). Once one is chosen the list folds away
 * to that one line, with "Change service" to open it again, so the free
 * times below come near the top. Emits ::service-chosen when a person
 * chooses one, never when code does.
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-context.h"
#include "kiosk-records.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_BOOKING_SERVICES (kiosk_booking_services_get_type ())
G_DECLARE_FINAL_TYPE (KioskBookingServices, kiosk_booking_services, KIOSK, BOOKING_SERVICES, GtkWidget)

KioskContext       *kiosk_booking_services_get_context (KioskBookingServices *self);
void                kiosk_booking_services_set_context (KioskBookingServices *self,
                                                        KioskContext         *context);

/* Reads the services again and rebuilds the list; a chosen service that is
 * gone or no longer active is forgotten. */
void                kiosk_booking_services_reload      (KioskBookingServices *self);

/* Forgets the choice and opens the list, without animation. */
void                kiosk_booking_services_clear       (KioskBookingServices *self);

/* Moves keyboard focus to the first service. */
void                kiosk_booking_services_focus       (KioskBookingServices *self);

/* The chosen service, or NULL. */
const KioskService *kiosk_booking_services_get_chosen  (KioskBookingServices *self);

/* Signals: "service-chosen" (const char *service_id). */

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the pages read about the salon, from the context's replica, as the
 * records of kiosk-records.h (the read side of KioskContext). The UI room
 * sees neither SQL nor the replica's headers: it reads through these.
 * Errors are KIOSK_DESK_ERROR (NOT_FOUND for a missing customer or
 * appointment, FAILED when the replica cannot be read).
 */
#pragma once

#include "kiosk-context.h"
#include "kiosk-records.h"

G_BEGIN_DECLS

KioskSalon       *kiosk_context_get_salon               (KioskContext  *self,
                                                         GError       **error);
/* By weekday. */
GPtrArray        *kiosk_context_list_working_hours      (KioskContext  *self,
                                                         GError       **error);
GPtrArray        *kiosk_context_list_categories         (KioskContext  *self,
                                                         GError       **error);
/* By category, then name. */
GPtrArray        *kiosk_context_list_services           (KioskContext  *self,
                                                         GError       **error);
/* By name. */
GPtrArray        *kiosk_context_list_employees          (KioskContext  *self,
                                                         GError       **error);
KioskCustomer    *kiosk_context_get_customer            (KioskContext  *self,
                                                         const char    *id,
                                                         GError       **error);
KioskAppointment *kiosk_context_get_appointment         (KioskContext  *self,
                                                         const char    *id,
                                                         GError       **error);
/* One salon day's appointments (@date YYYY-MM-DD), by time, then staff name. */
GPtrArray        *kiosk_context_list_appointment_rows   (KioskContext  *self,
                                                         const char    *date,
                                                         GError       **error);
/* Walk-ins still in the queue (waiting, called, in service), by arrival. */
GPtrArray        *kiosk_context_list_open_walkins       (KioskContext  *self,
                                                         GError       **error);
/* How many customers each KioskLoyaltyLevel has. */
gboolean          kiosk_context_count_customers_by_level (KioskContext *self,
                                                          gint64        counts[4],
                                                          GError      **error);
/* The desk's changes in the outbox (docs/kiosk-api.md §3.3): those that
 * wait to upload (pending and in flight) and those the server refused.
 * Either out may be NULL; both are 0 when the outbox cannot be read. */
gboolean          kiosk_context_count_outbox            (KioskContext  *self,
                                                         gint64        *waiting,
                                                         gint64        *refused,
                                                         GError       **error);

G_END_DECLS

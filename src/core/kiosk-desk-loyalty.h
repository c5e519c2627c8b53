/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Staff's customer search, the loyalty card and redemption
 * (kiosk-desk-loyalty.c).
 * Same rules as kiosk-desk.h: each write is the replica row(s) plus its
 * outbox entry in one transaction (durable before the call returns), then a
 * nudge to the sync engine and KioskContext::replica-changed; errors are
 * KIOSK_DESK_ERROR with a translated sentence for the screen; no GTK; logs
 * carry ids only.
 */
#pragma once

#include "kiosk-desk.h"
#include "kiosk-loyalty.h"

G_BEGIN_DECLS

/* Staff lookup: any part of a phone number (digits in any spacing) or of a
 * name, Turkish-aware (ışık, IŞIK, isik find Işık). Any input is safe.
 * At most @limit customers (KioskCustomer *), best first. */
GPtrArray *kiosk_desk_search_customers    (KioskContext  *context,
                                           const char    *query,
                                           guint          limit,
                                           GError       **error);
/* The same lookup off the caller's thread (the replica's own read
 * connection): for the search as staff type. Cancelling gives
 * G_IO_ERROR_CANCELLED, never a stale result. */
void       kiosk_desk_search_customers_async  (KioskContext         *context,
                                               const char           *query,
                                               guint                 limit,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray *kiosk_desk_search_customers_finish (KioskContext         *context,
                                               GAsyncResult         *result,
                                               GError              **error);

typedef struct {
  KioskCustomer     *customer;
  GPtrArray         *history;            /* KioskPointEntry *, newest first */
  gint64             pending_redeemed;   /* points in redemptions not yet accepted */
  gint64             available;          /* current_points - pending_redeemed, ≥ 0 */
  gboolean           has_next_level;
  KioskLoyaltyLevel  next_level;
  gint64             spend_to_next;      /* kuruş left to spend to reach it */
} KioskLoyaltyCard;

void              kiosk_loyalty_card_free (KioskLoyaltyCard *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskLoyaltyCard, kiosk_loyalty_card_free)

KioskLoyaltyCard *kiosk_desk_loyalty_card (KioskContext  *context,
                                           const char    *customer_id,
                                           GError       **error);

/* Redeems @points (> 0) now; refused on the spot (KIOSK_DESK_ERROR_REFUSED)
 * when the card's available points are fewer. Returns the new point entry's
 * id (pending, negative points). */
char             *kiosk_desk_redeem       (KioskContext  *context,
                                           const char    *customer_id,
                                           gint64         points,
                                           const char    *reason,
                                           GError       **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Staff lookup of customers, and the loyalty figures the replica alone can
 * tell (redemptions the server has not reflected yet).
 *
 * The search keys live in customer_search (folded name, folded last name,
 * phone digits) with an FTS5 trigram index of the names (customer_fts) and
 * the suffixes of the phone digits (customer_phone_part). Triggers on
 * customer keep them current on every write path (typed puts, the feed's
 * JSON rows, deletes, repoint, clear_all); a snapshot into an empty
 * replica suspends them and rebuilds everything once at its end.
 */
#pragma once

#include <gio/gio.h>

#include "kiosk-replica.h"

G_BEGIN_DECLS

/* Customers matching @query, best first, at most @limit (KioskCustomer *).
 * Input made only of digits, spaces and + ( ) - . / is a phone fragment
 * (any spacing, +90, leading 0); anything else is a name fragment, folded
 * the Turkish way (kiosk_fold_for_search). Order: the exact phone, then
 * phone prefixes, then name prefixes (whole name, then last name, then
 * the words in another order, "yilmaz ayse" or "yilmaz ay" for Ayşe
 * Yılmaz), then substrings (3 characters or more). Any input is safe: it
 * is never part of SQL, and FTS5 sees every word as a quoted phrase.
 * Empty input gives an empty array. */
GPtrArray *kiosk_replica_search_customers (KioskReplica  *self,
                                           const char    *query,
                                           guint          limit,
                                           GError       **error);

/* The same search on a worker thread with a read-only connection of its
 * own (WAL: it sees every committed write of @self and never waits for
 * one), so that the caller's thread runs no SQL at all. Cancelling
 * @cancellable stops the query running at once and the callback gets
 * G_IO_ERROR_CANCELLED, even when the search had finished: a stale result
 * never arrives. The callback runs in the caller's thread-default main
 * context. */
void       kiosk_replica_search_customers_async  (KioskReplica         *self,
                                                  const char           *query,
                                                  guint                 limit,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray *kiosk_replica_search_customers_finish (KioskReplica         *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Points of @customer_id's redemptions not reflected in its
 * current_points yet: entries with negative points that are pending (and
 * not refused or held behind a refusal), and entries the server accepted
 * (their "loyalty.redeem" is done) while the customer's copy here is older
 * than the entry (the feed has not brought the new balance yet). Each
 * redemption is one point entry, so nothing is counted twice. */
gboolean   kiosk_replica_pending_redeemed (KioskReplica  *self,
                                           const char    *customer_id,
                                           gint64        *out_points,
                                           GError       **error);

/* Inside the replica. */

/* Before a snapshot fills an empty replica: drops the triggers on customer
 * (the rows come without search keys) and notes that the keys must be
 * rebuilt. Inside the caller's transaction. */
gboolean   kiosk_replica_search_suspend   (KioskReplica  *self,
                                           GError       **error);
/* Rebuilds the search keys once if a snapshot suspended them, and makes
 * sure the triggers exist. One transaction of its own. */
gboolean   kiosk_replica_search_restore   (KioskReplica  *self,
                                           GError       **error);

G_END_DECLS

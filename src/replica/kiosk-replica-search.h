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

#include <sqlite3.h>

#include "replica/kiosk-replica.h"

G_BEGIN_DECLS

/* Customers matching @query, best first, at most @limit (KioskCustomer *).
 * Input made only of digits, spaces and + ( ) - . / is a phone fragment
 * (any spacing, +90, leading 0); anything else is a name fragment, folded
 * the Turkish way (kiosk_fold_for_search). Order: the exact phone, then
 * phone prefixes, then name prefixes (whole name, then last name), then
 * substrings (3 characters or more). Any input is safe: it is never part
 * of SQL, and FTS5 sees every word as a quoted phrase. Empty input gives
 * an empty array. */
GPtrArray *kiosk_replica_search_customers (KioskReplica  *self,
                                           const char    *query,
                                           guint          limit,
                                           GError       **error);

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

/* Registers kiosk_fold(text) and kiosk_digits(text) on @db: the search
 * triggers need them on every connection (kiosk-replica-schema.c calls it
 * at each open, before migrating). */
int        kiosk_replica_search_register_functions (sqlite3 *db);

/* The triggers on customer that keep customer_search current, as in
 * migration 4; CREATE … IF NOT EXISTS. */
#define KIOSK_REPLICA_SEARCH_TRIGGERS_SQL                                                       \
  "CREATE TRIGGER IF NOT EXISTS customer_search_insert AFTER INSERT ON customer BEGIN "         \
  "  DELETE FROM customer_search WHERE id = new.id; "                                           \
  "  INSERT INTO customer_search (id, name, last, digits) VALUES (new.id, "                     \
  "    kiosk_fold (coalesce (new.first_name, '') || ' ' || coalesce (new.last_name, '')), "     \
  "    kiosk_fold (new.last_name), kiosk_digits (new.phone)); "                                 \
  "END;"                                                                                        \
  "CREATE TRIGGER IF NOT EXISTS customer_search_update "                                        \
  "  AFTER UPDATE OF id, first_name, last_name, phone ON customer "                             \
  "  WHEN old.id IS NOT new.id OR old.first_name IS NOT new.first_name "                        \
  "    OR old.last_name IS NOT new.last_name OR old.phone IS NOT new.phone BEGIN "              \
  "  DELETE FROM customer_search WHERE id = old.id OR id = new.id; "                            \
  "  INSERT INTO customer_search (id, name, last, digits) VALUES (new.id, "                     \
  "    kiosk_fold (coalesce (new.first_name, '') || ' ' || coalesce (new.last_name, '')), "     \
  "    kiosk_fold (new.last_name), kiosk_digits (new.phone)); "                                 \
  "END;"                                                                                        \
  "CREATE TRIGGER IF NOT EXISTS customer_search_delete AFTER DELETE ON customer BEGIN "         \
  "  DELETE FROM customer_search WHERE id = old.id; "                                           \
  "END;"

/* The triggers on customer_search that keep customer_fts and
 * customer_phone_part in step, as in migration 4. */
#define KIOSK_REPLICA_SEARCH_KEY_TRIGGERS_SQL                                                   \
  "CREATE TRIGGER IF NOT EXISTS customer_search_keys_insert AFTER INSERT ON customer_search BEGIN " \
  "  INSERT INTO customer_fts (rowid, name) VALUES (new.key, new.name); "                       \
  "  INSERT OR IGNORE INTO customer_phone_part (part, key) "                                    \
  "    SELECT substr (new.digits, i), new.key FROM digit_position WHERE i <= length (new.digits) - 2; " \
  "END;"                                                                                        \
  "CREATE TRIGGER IF NOT EXISTS customer_search_keys_delete AFTER DELETE ON customer_search BEGIN " \
  "  INSERT INTO customer_fts (customer_fts, rowid, name) VALUES ('delete', old.key, old.name); " \
  "  DELETE FROM customer_phone_part WHERE key = old.key AND part IN "                          \
  "    (SELECT substr (old.digits, i) FROM digit_position WHERE i <= length (old.digits) - 2); " \
  "END;"

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

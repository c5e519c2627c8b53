/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The search index's SQL, shared by the schema (migrations 4 and 5, every
 * connection's functions) and kiosk-replica-search.c. Not for other layers.
 */
#pragma once

#include <sqlite3.h>

#include "kiosk-replica-search.h"

G_BEGIN_DECLS

/* Registers kiosk_fold(text) and kiosk_digits(text) on @db: the search
 * triggers need them on every connection (kiosk-replica-schema.c calls it
 * at each open, before migrating). */
int        kiosk_replica_search_register_functions (sqlite3 *db);

/* kiosk-replica.c: a read-only connection to @self's file, for the
 * search's worker threads; NULL and @error when it cannot be opened. */
KioskReplica *kiosk_replica_open_reader (KioskReplica  *self,
                                         GError       **error);
/* Closes the search's read-only connections of @self (none may be in use:
 * a running search holds a reference on @self). kiosk-replica.c calls it
 * before closing its own, so that its connection is the last one and
 * checkpoints the WAL into the file at close. */
void          kiosk_replica_search_close_readers (KioskReplica *self);

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
 * customer_phone_part in step, writing NEW_NAME and OLD_NAME (SQL over
 * new.name and old.name) to the index. Migration 4 wrote the bare name;
 * since migration 5 the index holds each name after a space
 * (customer_fts_source), so a word's start is a trigram too. */
#define KIOSK_REPLICA_SEARCH_KEY_TRIGGERS_SQL_WRITING(NEW_NAME, OLD_NAME)                       \
  "CREATE TRIGGER IF NOT EXISTS customer_search_keys_insert AFTER INSERT ON customer_search BEGIN " \
  "  INSERT INTO customer_fts (rowid, name) VALUES (new.key, " NEW_NAME "); "                   \
  "  INSERT OR IGNORE INTO customer_phone_part (part, key) "                                    \
  "    SELECT substr (new.digits, i), new.key FROM digit_position WHERE i <= length (new.digits) - 2; " \
  "END;"                                                                                        \
  "CREATE TRIGGER IF NOT EXISTS customer_search_keys_delete AFTER DELETE ON customer_search BEGIN " \
  "  INSERT INTO customer_fts (customer_fts, rowid, name) VALUES ('delete', old.key, " OLD_NAME "); " \
  "  DELETE FROM customer_phone_part WHERE key = old.key AND part IN "                          \
  "    (SELECT substr (old.digits, i) FROM digit_position WHERE i <= length (old.digits) - 2); " \
  "END;"

/* The key triggers of the current schema. */
#define KIOSK_REPLICA_SEARCH_KEY_TRIGGERS_SQL                                                   \
  KIOSK_REPLICA_SEARCH_KEY_TRIGGERS_SQL_WRITING ("' ' || new.name", "' ' || old.name")

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The schema of the replica as a list of migrations. Migration N takes a file
 * from user_version N-1 to N inside one BEGIN IMMEDIATE … COMMIT that also
 * sets user_version, so a crash leaves the file at N-1 or at N, never between.
 * Never edit a released migration: add a new one.
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include "kiosk-replica-private.h"
#include "kiosk-replica-search-private.h"

/* v1: one STRICT table per entity of docs/kiosk-api.md §3.4, the outbox and
 * meta.
 *
 * Rows that come from the server have no foreign keys between them: the feed
 * may deliver an appointment before its customer, and a missing customer must
 * not make the appointment unstorable. employee_service is ours (it is the
 * employee's "services" list split into rows), so it cascades.
 *
 * Every entity row keeps the server's `version` and its local `pending`
 * flag. Money is INTEGER kuruş, dates TEXT 'YYYY-MM-DD', times of day INTEGER
 * seconds since midnight, instants TEXT as the server sends them. */
static const char migration_1[] =
  "CREATE TABLE salon ("
  "  id           TEXT    NOT NULL PRIMARY KEY,"
  "  name         TEXT    NOT NULL,"
  "  address      TEXT,"
  "  city         TEXT,"
  "  district     TEXT,"
  "  phone        TEXT,"
  "  opening_time INTEGER NOT NULL DEFAULT 0 CHECK (opening_time BETWEEN 0 AND 86400),"
  "  closing_time INTEGER NOT NULL DEFAULT 0 CHECK (closing_time BETWEEN 0 AND 86400),"
  "  timezone     TEXT    NOT NULL DEFAULT 'Europe/Istanbul',"
  "  version      INTEGER NOT NULL DEFAULT 0,"
  "  pending      INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1))"
  ") STRICT;"

  "CREATE TABLE working_hours ("
  "  id           TEXT    NOT NULL PRIMARY KEY,"
  "  day_of_week  INTEGER NOT NULL CHECK (day_of_week BETWEEN 0 AND 6),"
  "  opening_time INTEGER NOT NULL DEFAULT 0 CHECK (opening_time BETWEEN 0 AND 86400),"
  "  closing_time INTEGER NOT NULL DEFAULT 0 CHECK (closing_time BETWEEN 0 AND 86400),"
  "  is_closed    INTEGER NOT NULL DEFAULT 0 CHECK (is_closed IN (0, 1)),"
  "  version      INTEGER NOT NULL DEFAULT 0,"
  "  pending      INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1))"
  ") STRICT;"

  "CREATE TABLE category ("
  "  id           TEXT    NOT NULL PRIMARY KEY,"
  "  name         TEXT    NOT NULL,"
  "  description  TEXT,"
  "  icon         TEXT,"
  "  version      INTEGER NOT NULL DEFAULT 0,"
  "  pending      INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1))"
  ") STRICT;"

  "CREATE TABLE service ("
  "  id           TEXT    NOT NULL PRIMARY KEY,"
  "  category     TEXT,"
  "  name         TEXT    NOT NULL,"
  "  description  TEXT,"
  "  price        INTEGER NOT NULL DEFAULT 0,"
  "  duration     INTEGER NOT NULL DEFAULT 0 CHECK (duration >= 0),"
  "  is_active    INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),"
  "  version      INTEGER NOT NULL DEFAULT 0,"
  "  pending      INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1))"
  ") STRICT;"

  "CREATE TABLE employee ("
  "  id           TEXT    NOT NULL PRIMARY KEY,"
  "  name         TEXT    NOT NULL,"
  "  position     TEXT,"
  "  is_active    INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),"
  "  version      INTEGER NOT NULL DEFAULT 0,"
  "  pending      INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1))"
  ") STRICT;"

  /* `position` keeps the order of the server's list. */
  "CREATE TABLE employee_service ("
  "  employee     TEXT    NOT NULL REFERENCES employee (id) ON DELETE CASCADE,"
  "  service      TEXT    NOT NULL,"
  "  position     INTEGER NOT NULL,"
  "  PRIMARY KEY (employee, service)"
  ") STRICT, WITHOUT ROWID;"

  "CREATE TABLE customer ("
  "  id             TEXT    NOT NULL PRIMARY KEY,"
  "  first_name     TEXT    NOT NULL,"
  "  last_name      TEXT,"
  "  phone          TEXT,"
  "  loyalty_level  TEXT    NOT NULL DEFAULT 'bronze'"
  "                 CHECK (loyalty_level IN ('bronze', 'silver', 'gold', 'platinum')),"
  "  total_points   INTEGER NOT NULL DEFAULT 0,"
  "  current_points INTEGER NOT NULL DEFAULT 0,"
  "  total_spent    INTEGER NOT NULL DEFAULT 0,"
  "  total_visits   INTEGER NOT NULL DEFAULT 0,"
  "  updated_at     TEXT,"
  "  consent_at     TEXT,"
  "  version        INTEGER NOT NULL DEFAULT 0,"
  "  pending        INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1))"
  ") STRICT;"

  "CREATE TABLE appointment ("
  "  id               TEXT    NOT NULL PRIMARY KEY,"
  "  customer         TEXT    NOT NULL,"
  "  service          TEXT    NOT NULL,"
  "  employee         TEXT,"
  "  appointment_date TEXT    NOT NULL"
  "                   CHECK (appointment_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
  "  appointment_time INTEGER NOT NULL CHECK (appointment_time BETWEEN 0 AND 86400),"
  "  end_time         INTEGER NOT NULL CHECK (end_time BETWEEN 0 AND 86400),"
  "  status           TEXT    NOT NULL DEFAULT 'pending'"
  "                   CHECK (status IN ('pending', 'confirmed', 'completed', 'cancelled', 'no_show')),"
  "  notes            TEXT,"
  "  price            INTEGER NOT NULL DEFAULT 0,"
  "  source           TEXT,"
  "  checked_in_at    TEXT,"
  "  created_at       TEXT,"
  "  updated_at       TEXT,"
  "  version          INTEGER NOT NULL DEFAULT 0,"
  "  pending          INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1))"
  ") STRICT;"

  "CREATE TABLE walkin ("
  "  id                 TEXT    NOT NULL PRIMARY KEY,"
  "  customer           TEXT,"
  "  name               TEXT,"
  "  phone              TEXT,"
  "  service            TEXT,"
  "  preferred_employee TEXT,"
  "  employee           TEXT,"
  "  status             TEXT    NOT NULL DEFAULT 'waiting'"
  "                     CHECK (status IN ('waiting', 'called', 'in_service', 'done', 'left')),"
  "  arrived_at         TEXT,"
  "  called_at          TEXT,"
  "  finished_at        TEXT,"
  "  version            INTEGER NOT NULL DEFAULT 0,"
  "  pending            INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1))"
  ") STRICT;"

  "CREATE TABLE point_entry ("
  "  id           TEXT    NOT NULL PRIMARY KEY,"
  "  customer     TEXT    NOT NULL,"
  "  points       INTEGER NOT NULL,"
  "  reason       TEXT,"
  "  created_at   TEXT,"
  "  version      INTEGER NOT NULL DEFAULT 0,"
  "  pending      INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1))"
  ") STRICT;"

  /* docs/kiosk-api.md §3.3 and §4: the key is made once and kept across
   * retries and restarts; instants here are our own g_get_real_time() µs. */
  "CREATE TABLE outbox ("
  "  id              INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  idempotency_key TEXT    NOT NULL UNIQUE,"
  "  kind            TEXT    NOT NULL,"
  "  entity_id       TEXT,"
  "  payload         TEXT    NOT NULL CHECK (json_valid (payload)),"
  "  state           TEXT    NOT NULL DEFAULT 'pending'"
  "                  CHECK (state IN ('pending', 'in_flight', 'done', 'refused', 'held')),"
  "  attempts        INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at INTEGER NOT NULL DEFAULT 0,"
  "  last_status     INTEGER NOT NULL DEFAULT 0,"
  "  last_reason     TEXT,"
  "  created_at      INTEGER NOT NULL"
  ") STRICT;"

  "CREATE TABLE meta ("
  "  key          TEXT    NOT NULL PRIMARY KEY,"
  "  value        TEXT    NOT NULL"
  ") STRICT, WITHOUT ROWID;";

/* v2: what today's screens look things up by, and the sync engine's
 * quarantine for feed rows it could not store. */
static const char migration_2[] =
  "CREATE INDEX appointment_by_date_time ON appointment (appointment_date, appointment_time);"
  "CREATE INDEX appointment_by_employee_date ON appointment (employee, appointment_date);"
  "CREATE INDEX customer_by_phone ON customer (phone);"
  "CREATE INDEX point_entry_by_customer ON point_entry (customer, created_at);"
  "CREATE INDEX walkin_by_status ON walkin (status, arrived_at);"
  "CREATE INDEX outbox_by_state ON outbox (state, next_attempt_at);"

  "CREATE TABLE quarantine ("
  "  entity       TEXT    NOT NULL,"
  "  id           TEXT,"
  "  reason       TEXT    NOT NULL,"
  "  raw_json     TEXT    NOT NULL,"
  "  received_at  INTEGER NOT NULL"
  ") STRICT;"
  "CREATE INDEX quarantine_by_entity ON quarantine (entity, id);";

/* v3: the sync engine's bookkeeping.
 *
 * outbox_ref: the ids a change names besides its own (an appointment names
 * its customer), so that it waits for their creation and is held when that
 * is refused. snapshot_seen: the rows a snapshot resync has delivered so
 * far, kept in the file so that a restart in the middle loses nothing.
 * server_copy: the server's latest copy of a row the desk has unacknowledged
 * changes to (as a JSON object of its columns, NULL for a tombstone); the
 * row takes it once its outbox is empty. customer_by_level: the loyalty
 * summary counts a covering index, not 200k rows. */
static const char migration_3[] =
  "CREATE TABLE outbox_ref ("
  "  entry        INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,"
  "  ref          TEXT    NOT NULL,"
  "  PRIMARY KEY (entry, ref)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX outbox_ref_by_ref ON outbox_ref (ref);"
  "CREATE INDEX outbox_by_entity ON outbox (entity_id, id);"

  "CREATE TABLE snapshot_seen ("
  "  entity       TEXT    NOT NULL,"
  "  id           TEXT    NOT NULL,"
  "  PRIMARY KEY (entity, id)"
  ") STRICT, WITHOUT ROWID;"

  "CREATE TABLE server_copy ("
  "  entity       TEXT    NOT NULL,"
  "  id           TEXT    NOT NULL,"
  "  version      INTEGER NOT NULL,"
  "  row          TEXT    CHECK (row IS NULL OR json_valid (row)),"
  "  PRIMARY KEY (entity, id)"
  ") STRICT, WITHOUT ROWID;"

  "CREATE INDEX customer_by_level ON customer (loyalty_level);";

/* v4: staff lookup of customers (kiosk-replica-search.c). customer_search
 * holds the search keys of each customer: the name and the last name
 * folded the Turkish way by kiosk_fold() (ışık, IŞIK, isik -> isik) and the
 * phone's digits; their indexes answer prefixes, also of one or two
 * letters. customer_fts is a trigram index of the names (external
 * content) for substrings. Phone numbers are all alike (every one has the
 * trigrams of "905"), so their substrings go through customer_phone_part
 * instead: every suffix of three digits or more, whose prefixes are the
 * substrings. Triggers on customer keep the keys current whoever writes
 * the row; triggers on customer_search keep the FTS index and the parts in
 * step. The keys of the customers already here are made at the end. */
static const char migration_4[] =
  "CREATE TABLE customer_search ("
  "  key          INTEGER PRIMARY KEY,"
  "  id           TEXT    NOT NULL UNIQUE,"
  "  name         TEXT    NOT NULL,"
  "  last         TEXT    NOT NULL,"
  "  digits       TEXT    NOT NULL"
  ") STRICT;"
  "CREATE INDEX customer_search_by_name ON customer_search (name);"
  "CREATE INDEX customer_search_by_last ON customer_search (last);"
  "CREATE INDEX customer_search_by_digits ON customer_search (digits);"
  "CREATE VIRTUAL TABLE customer_fts USING fts5 ("
  "  name, content = 'customer_search', content_rowid = 'key', tokenize = 'trigram');"
  "CREATE TABLE customer_phone_part ("
  "  part         TEXT    NOT NULL,"
  "  key          INTEGER NOT NULL,"
  "  PRIMARY KEY (part, key)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TABLE digit_position (i INTEGER PRIMARY KEY) STRICT;"
  "INSERT INTO digit_position (i) VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15);"
  /* The key triggers as version 4 made them (the index held the bare
   * name); migration 5 makes them anew. */
  KIOSK_REPLICA_SEARCH_KEY_TRIGGERS_SQL_WRITING ("new.name", "old.name")
  KIOSK_REPLICA_SEARCH_TRIGGERS_SQL
  "INSERT INTO customer_search (id, name, last, digits) "
  "  SELECT id, kiosk_fold (coalesce (first_name, '') || ' ' || coalesce (last_name, '')), "
  "    kiosk_fold (last_name), kiosk_digits (phone) FROM customer ORDER BY id;";

/* v5: a word of one or two letters is looked for where a word of the name
 * starts ("ayse yi" is Ayşe Yılmaz, not Ayşe Kayık), and through the index:
 * the trigram index now holds each name after a space, so the start of a
 * word is a trigram (" yi") like any three letters inside one. The index
 * reads its names through customer_fts_source; it is made again from
 * customer_search (about a second for 200 000 customers), and the key
 * triggers are made again to write the name after a space. */
static const char migration_5[] =
  "DROP TRIGGER IF EXISTS customer_search_keys_insert;"
  "DROP TRIGGER IF EXISTS customer_search_keys_delete;"
  "DROP TABLE customer_fts;"
  "CREATE VIEW customer_fts_source (key, name) AS SELECT key, ' ' || name FROM customer_search;"
  "CREATE VIRTUAL TABLE customer_fts USING fts5 ("
  "  name, content = 'customer_fts_source', content_rowid = 'key', tokenize = 'trigram');"
  "INSERT INTO customer_fts (customer_fts) VALUES ('rebuild');"
  KIOSK_REPLICA_SEARCH_KEY_TRIGGERS_SQL;

/* v6: the KVKK consent a person gave at this kiosk (docs/kiosk-api.md
 * §3.6), kept with their walk-in or customer row: when, and which notice
 * (its version, domain/kiosk-kvkk.h). The create bodies carry both.
 *
 * Changes queued by an earlier build and not yet uploaded get them too, so
 * that they still upload: a walk-in could only join with the box ticked,
 * at that tap, so its consent time is its arrival; a new customer's body
 * has its consent_at already. The notices are the ones those builds
 * showed: the two texts have not changed since a kiosk first showed them,
 * and these are their versions (written out here: a migration never
 * changes, whatever later versions are called). Bodies already done or
 * refused stay as they were sent; an entry sent before whose answer was
 * lost may then meet idempotency_key_reused (§3.3) and be shown to staff,
 * never dropped. */
#define UNSENT(kind) \
  "SELECT entity_id FROM outbox WHERE kind = '" kind "' AND state IN ('pending', 'in_flight', 'held')"
static const char migration_6[] =
  "ALTER TABLE customer ADD COLUMN consent_notice TEXT;"
  "ALTER TABLE walkin ADD COLUMN consent_at TEXT;"
  "ALTER TABLE walkin ADD COLUMN consent_notice TEXT;"
  "UPDATE walkin SET consent_at = coalesce (consent_at, arrived_at), "
  "  consent_notice = 'kiosk-kvkk-walkin-2026-1' "
  "  WHERE consent_notice IS NULL AND id IN (" UNSENT ("walkin.create") ");"
  "UPDATE customer SET consent_notice = 'kiosk-kvkk-member-2026-1' "
  "  WHERE consent_notice IS NULL AND consent_at IS NOT NULL AND id IN (" UNSENT ("customer.create") ");"
  "UPDATE outbox SET payload = json_set (payload, "
  "    '$.consent_at', coalesce (json_extract (payload, '$.consent_at'), json_extract (payload, '$.arrived_at')), "
  "    '$.consent_notice', 'kiosk-kvkk-walkin-2026-1') "
  "  WHERE kind = 'walkin.create' AND state IN ('pending', 'in_flight', 'held') "
  "    AND json_type (payload, '$.consent_notice') IS NULL AND json_type (payload, '$.arrived_at') = 'text';"
  "UPDATE outbox SET payload = json_set (payload, '$.consent_notice', 'kiosk-kvkk-member-2026-1') "
  "  WHERE kind = 'customer.create' AND state IN ('pending', 'in_flight', 'held') "
  "    AND json_type (payload, '$.consent_notice') IS NULL AND json_type (payload, '$.consent_at') = 'text';";
#undef UNSENT

/* v7: a refusal's code in a column of its own (docs/kiosk-api.md §3.3),
 * written by the uploader from the server's error body, or from what the
 * contract says the status means for the endpoint. Earlier builds wrote it
 * into last_reason as "code: detail" when the body had one, and the desk
 * guessed it from the status and the kind when it had none; the refused
 * entries of those builds get their code here, read from that text once,
 * exactly as those builds read it, and keep the server's words alone in
 * last_reason. Held entries have no code of their own, done ones keep
 * their text as it was. */
#define KNOWN_CODE \
  "(SELECT c FROM (SELECT 'slot_taken' AS c UNION ALL SELECT 'invalid_status' UNION ALL " \
  "  SELECT 'insufficient_points' UNION ALL SELECT 'phone_exists' UNION ALL SELECT 'validation') " \
  " WHERE substr (last_reason, 1, length (c)) = c " \
  "   AND substr (last_reason, length (c) + 1, 1) IN ('', ':', ' ') LIMIT 1)"
static const char migration_7[] =
  "ALTER TABLE outbox ADD COLUMN refusal_code TEXT;"
  "UPDATE outbox SET refusal_code = coalesce (" KNOWN_CODE ", CASE "
  "    WHEN last_status = 409 AND kind = 'appointment.create' THEN 'slot_taken' "
  "    WHEN last_status = 409 AND kind = 'customer.create' THEN 'phone_exists' "
  "    WHEN last_status = 409 AND kind = 'loyalty.redeem' THEN 'insufficient_points' "
  "    WHEN last_status = 409 AND (substr (kind, -7) = '.status' OR substr (kind, -9) = '.check_in') "
  "      THEN 'invalid_status' "
  "    WHEN last_status IN (400, 422) THEN 'validation' "
  "  END) "
  "  WHERE state = 'refused';"
  "UPDATE outbox SET last_reason = nullif (CASE "
  "    WHEN refusal_code IS NOT NULL AND substr (last_reason, 1, length (refusal_code)) = refusal_code "
  "      THEN ltrim (substr (last_reason, length (refusal_code) + 1), ': ') "
  "    ELSE last_reason "
  "  END, '') "
  "  WHERE state = 'refused';";
#undef KNOWN_CODE

static const char * const migrations[] = {
  NULL,          /* 0: the empty file */
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == KIOSK_REPLICA_SCHEMA_VERSION + 1);

/* What must exist after each version; checked at open instead of a full
 * integrity_check, which would read the whole file. */
static const char * const objects_1[] = {
  "salon", "working_hours", "category", "service", "employee", "employee_service",
  "customer", "appointment", "walkin", "point_entry", "outbox", "meta", NULL
};
static const char * const objects_2[] = {
  "appointment_by_date_time", "appointment_by_employee_date", "customer_by_phone",
  "point_entry_by_customer", "walkin_by_status", "outbox_by_state", "quarantine",
  "quarantine_by_entity", NULL
};
static const char * const objects_3[] = {
  "outbox_ref", "outbox_ref_by_ref", "outbox_by_entity", "snapshot_seen", "server_copy",
  "customer_by_level", NULL
};
/* The triggers are not listed: a snapshot drops them for a while, and
 * kiosk_replica_search_restore() makes them again. */
static const char * const objects_4[] = {
  "customer_search", "customer_search_by_name", "customer_search_by_last",
  "customer_search_by_digits", "customer_fts", "customer_phone_part", "digit_position", NULL
};
static const char * const objects_5[] = { "customer_fts_source", NULL };
static const char * const objects_6[] = { NULL };   /* columns only */
static const char * const objects_7[] = { NULL };   /* a column only */
static const char * const * const objects[] = {
  NULL, objects_1, objects_2, objects_3, objects_4, objects_5, objects_6, objects_7
};

/* Keep in step with migration_2 and migration_3. */
const KioskDeferredIndex kiosk_replica_deferred_indexes[] = {
  { "appointment_by_date_time",
    "CREATE INDEX IF NOT EXISTS appointment_by_date_time ON appointment (appointment_date, appointment_time)" },
  { "appointment_by_employee_date",
    "CREATE INDEX IF NOT EXISTS appointment_by_employee_date ON appointment (employee, appointment_date)" },
  { "customer_by_phone",
    "CREATE INDEX IF NOT EXISTS customer_by_phone ON customer (phone)" },
  { "customer_by_level",
    "CREATE INDEX IF NOT EXISTS customer_by_level ON customer (loyalty_level)" },
  { "point_entry_by_customer",
    "CREATE INDEX IF NOT EXISTS point_entry_by_customer ON point_entry (customer, created_at)" },
  { "walkin_by_status",
    "CREATE INDEX IF NOT EXISTS walkin_by_status ON walkin (status, arrived_at)" },
  { NULL, NULL }
};

static gboolean
is_deferred_index (const char *name)
{
  for (guint i = 0; kiosk_replica_deferred_indexes[i].name != NULL; i++)
    if (g_str_equal (kiosk_replica_deferred_indexes[i].name, name))
      return TRUE;
  return FALSE;
}

G_STATIC_ASSERT (G_N_ELEMENTS (objects) == KIOSK_REPLICA_SCHEMA_VERSION + 1);

int
kiosk_replica_schema_read_version (sqlite3 *db,
                                   int     *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc;
}

int
kiosk_replica_schema_migrate (sqlite3 *db,
                              int      target,
                              int     *failed_step)
{
  g_return_val_if_fail (target >= 0 && target <= KIOSK_REPLICA_SCHEMA_VERSION, SQLITE_MISUSE);

  *failed_step = 0;

  /* Migration 4 and the search triggers call them: every connection. */
  {
    int rc = kiosk_replica_search_register_functions (db);

    if (rc != SQLITE_OK)
      return rc;
  }

  for (;;)
    {
      g_autofree char *set_version = NULL;
      int version = 0;
      int rc;

      /* Read inside the write lock: another connection may have migrated. */
      rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return rc;

      rc = kiosk_replica_schema_read_version (db, &version);
      if (rc != SQLITE_OK || version >= target)
        {
          if (rc == SQLITE_OK)
            rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
          if (rc != SQLITE_OK)
            sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return rc;
        }

      *failed_step = version + 1;
      g_debug ("Migrating the replica from version %d to %d", version, version + 1);

      set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      rc = sqlite3_exec (db, migrations[version + 1], NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, set_version, NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          /* Keep the error of the failed step, not of the ROLLBACK. */
          int saved = sqlite3_extended_errcode (db);

          if (!sqlite3_get_autocommit (db))
            sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return saved != SQLITE_OK ? saved : rc;
        }
      *failed_step = 0;
    }
}

int
kiosk_replica_schema_check (sqlite3  *db,
                            int       version,
                            gboolean *complete)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (version >= 0 && version <= KIOSK_REPLICA_SCHEMA_VERSION, SQLITE_MISUSE);

  *complete = TRUE;
  /* Reading sqlite_schema also walks its pages: a damaged file shows here. */
  rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE name = ?1", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  for (int v = 1; v <= version && *complete; v++)
    for (guint i = 0; objects[v][i] != NULL; i++)
      {
        /* Dropped while a snapshot fills an empty replica, built again by
         * the sync side: not a sign of damage. */
        if (is_deferred_index (objects[v][i]))
          continue;
        sqlite3_bind_text (stmt, 1, objects[v][i], -1, SQLITE_STATIC);
        rc = sqlite3_step (stmt);
        sqlite3_reset (stmt);
        if (rc == SQLITE_DONE)
          {
            g_debug ("The replica lacks %s of version %d", objects[v][i], v);
            *complete = FALSE;
            break;
          }
        if (rc != SQLITE_ROW)
          {
            sqlite3_finalize (stmt);
            return rc;
          }
      }

  sqlite3_finalize (stmt);
  return SQLITE_OK;
}

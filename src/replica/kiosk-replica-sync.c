/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The feed side of the sync engine (docs/kiosk-api.md §3.2, §4): version checks,
 * tombstones, rows with pending desk changes, snapshot resyncs. The outbox
 * side is in kiosk-replica-outbox.c.
 *
 * A row with pending desk changes keeps the desk's content; the server's
 * newest copy of it waits in server_copy (as the JSON object of its
 * columns, NULL for a tombstone) until the row's outbox is empty. To make
 * that JSON from a record without a second serializer, the record is
 * written over the row inside a savepoint, read back as JSON, and the
 * desk's row is put back: the typed puts stay the only writers of columns.
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-replica-sync.h"
#include "kiosk-replica-private.h"
#include "kiosk-replica-records-private.h"
#include "kiosk-replica-search.h"

#define UNSEEN(t) "id NOT IN (SELECT id FROM snapshot_seen WHERE entity = '" t "')"

/* The snapshot mark's value when the snapshot began on an empty replica. */
#define SNAPSHOT_FRESH "fresh"

typedef struct {
  const char *name;
  char *to_json_sql;            /* ?1 id -> the row as a JSON object */
  char *from_json_sql;          /* ?1 id, ?2 JSON -> the row, replaced */
  char *clear_pending_sql;
  char *unseen_tombstones_sql;
  char *delete_unseen_sql;
  char *held_sql;               /* ?1 id -> version, pending, kept server copy's version */
  char *has_rows_sql;
} EntitySql;

/* The statements of each entity, made once from its table
 * (kiosk-record-fields.h). The statement cache is keyed by the text's
 * address, so they live as long as the program. The JSON of a row has
 * `pending`, then the columns in the table's order, then `version`: the
 * row and its way back cannot drift apart. */
static void
make_entity_sql (EntitySql             *sql,
                 const KioskRecordType *type)
{
  const char *t = type->table;
  GString *pairs = g_string_new ("'pending', pending");
  GString *names = g_string_new ("pending");
  GString *gets = g_string_new ("json_extract (?2, '$.pending')");

  for (guint i = 0; i <= type->n_fields; i++)
    {
      /* The fields with a column, then the version. */
      const char *c = i < type->n_fields ? type->fields[i].column : "version";

      if (c == NULL)
        continue;
      g_string_append_printf (pairs, ", '%s', %s", c, c);
      g_string_append_printf (names, ", %s", c);
      g_string_append_printf (gets, ", json_extract (?2, '$.%s')", c);
    }
  /* The employee's services ride along in the JSON. json() keeps the array
   * an array rather than a string. */
  if (type->entity == KIOSK_ENTITY_EMPLOYEE)
    g_string_append (pairs, ", 'services', json ((SELECT json_group_array (service) FROM "
                            "(SELECT service FROM employee_service WHERE employee = ?1 ORDER BY position)))");

  sql->name = t;
  sql->to_json_sql = g_strdup_printf ("SELECT json_object (%s) FROM %s WHERE id = ?1", pairs->str, t);
  sql->from_json_sql = g_strdup_printf ("INSERT OR REPLACE INTO %s (%s) SELECT %s WHERE ?1 IS NOT NULL",
                                        t, names->str, gets->str);
  sql->clear_pending_sql = g_strdup_printf ("UPDATE %s SET pending = 0 WHERE id = ?1", t);
  /* A pending row the snapshot lacks is gone on the server: what the server
   * said of it becomes a tombstone, taken once its outbox is empty. */
  sql->unseen_tombstones_sql =
    g_strdup_printf ("INSERT INTO server_copy (entity, id, version, row) "
                     "SELECT '%s', id, version, NULL FROM %s WHERE pending = 1 AND " UNSEEN ("%s") " "
                     "ON CONFLICT (entity, id) DO UPDATE SET row = NULL, "
                     "  version = max (server_copy.version, excluded.version)",
                     t, t, t);
  sql->delete_unseen_sql = g_strdup_printf ("DELETE FROM %s WHERE pending = 0 AND " UNSEEN ("%s"), t, t);
  sql->held_sql = g_strdup_printf ("SELECT version, pending, "
                                   "  (SELECT version FROM server_copy WHERE entity = '%s' AND id = ?1) "
                                   "FROM %s WHERE id = ?1",
                                   t, t);
  sql->has_rows_sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s)", t);
  g_string_free (pairs, TRUE);
  g_string_free (names, TRUE);
  g_string_free (gets, TRUE);
}

static const EntitySql *
entity_sql (KioskEntity entity)
{
  static EntitySql all[KIOSK_N_ENTITIES];
  static gsize made = 0;

  if (g_once_init_enter (&made))
    {
      for (guint e = 0; e < KIOSK_N_ENTITIES; e++)
        make_entity_sql (&all[e], kiosk_record_type_get ((KioskEntity)e));
      g_once_init_leave (&made, 1);
    }
  return &all[entity];
}

#define KIOSK_META_SNAPSHOT "snapshot"
/* Set while a snapshot fills an empty replica without its secondary
 * indexes (kiosk_replica_deferred_indexes). */
#define KIOSK_META_DEFERRED "deferred_indexes"

static gboolean
check_entity (KioskEntity   entity,
              GError      **error)
{
  if ((guint)entity < KIOSK_N_ENTITIES)
    return TRUE;
  g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
               _("No kind of record number %d in the local database"), (int)entity);
  return FALSE;
}

const char *
kiosk_replica_entity_table (KioskEntity entity)
{
  g_return_val_if_fail ((guint)entity < KIOSK_N_ENTITIES, NULL);

  return entity_sql (entity)->name;
}

/* Writes @record as the server's row: never pending. */
gboolean
kiosk_replica_put_server_record (KioskReplica  *self,
                                 KioskEntity    entity,
                                 gconstpointer  record,
                                 GError       **error)
{
  if (!check_entity (entity, error))
    return FALSE;
  return kiosk_replica_put_record (self, entity, record, TRUE, error);
}

/* Savepoints let one refused row fail alone inside a feed page. They are
 * cached statements: a snapshot opens a million of them. */
static gboolean
savepoint (KioskReplica  *self,
           GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  if (!kiosk_replica_check_usable (self, error))
    return FALSE;
  stmt = kiosk_replica_prepare (self, "SAVEPOINT kiosk_sync", error);
  return stmt != NULL && kiosk_replica_run (self, stmt, error);
}

static gboolean
release (KioskReplica  *self,
         GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = kiosk_replica_prepare (self, "RELEASE kiosk_sync", error);

  return stmt != NULL && kiosk_replica_run (self, stmt, error);
}

static gboolean
savepoint_end (KioskReplica  *self,
               gboolean       ok,
               GError       **error)
{
  sqlite3 *db = kiosk_replica_get_db (self);

  if (ok && release (self, error))
    return TRUE;
  /* Unless SQLite already rolled everything back (disk full). */
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK TO kiosk_sync; RELEASE kiosk_sync", NULL, NULL, NULL);
  return FALSE;
}

static char *
row_to_json (KioskReplica  *self,
             KioskEntity    entity,
             const char    *id,
             GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = kiosk_replica_prepare (self, entity_sql (entity)->to_json_sql, error);
  gboolean has_row = FALSE;

  if (stmt == NULL)
    return NULL;
  kiosk_replica_bind_text (stmt, 1, id);
  if (!kiosk_replica_next (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                   _("No %s %s in the local database"), entity_sql (entity)->name, id);
      return NULL;
    }
  return kiosk_replica_column_text (stmt, 0);
}

static gboolean
row_from_json (KioskReplica  *self,
               KioskEntity    entity,
               const char    *id,
               const char    *json,
               GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = kiosk_replica_prepare (self, entity_sql (entity)->from_json_sql, error);

  if (stmt == NULL)
    return FALSE;
  kiosk_replica_bind_text (stmt, 1, id);
  kiosk_replica_bind_text (stmt, 2, json);
  if (!kiosk_replica_run (self, stmt, error))
    return FALSE;

  if (entity == KIOSK_ENTITY_EMPLOYEE)
    {
      g_autoptr(KioskCachedStmt) clear = NULL;
      g_autoptr(KioskCachedStmt) link = NULL;

      clear = kiosk_replica_prepare (self, "DELETE FROM employee_service WHERE employee = ?1", error);
      if (clear == NULL)
        return FALSE;
      kiosk_replica_bind_text (clear, 1, id);
      if (!kiosk_replica_run (self, clear, error))
        return FALSE;
      link = kiosk_replica_prepare (self,
                                    "INSERT OR IGNORE INTO employee_service (employee, service, position) "
                                    "SELECT ?1, value, key FROM json_each (?2, '$.services')",
                                    error);
      if (link == NULL)
        return FALSE;
      kiosk_replica_bind_text (link, 1, id);
      kiosk_replica_bind_text (link, 2, json);
      return kiosk_replica_run (self, link, error);
    }
  return TRUE;
}

/* The server copy kept for a row: FALSE in *found when there is none;
 * *row is NULL for a tombstone. */
static gboolean
get_server_copy (KioskReplica  *self,
                 KioskEntity    entity,
                 const char    *id,
                 gboolean      *found,
                 gint64        *version,
                 char         **row,
                 GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  stmt = kiosk_replica_prepare (self, "SELECT version, row FROM server_copy WHERE entity = ?1 AND id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  kiosk_replica_bind_text (stmt, 1, entity_sql (entity)->name);
  kiosk_replica_bind_text (stmt, 2, id);
  if (!kiosk_replica_next (self, stmt, found, error))
    return FALSE;
  if (*found)
    {
      *version = sqlite3_column_int64 (stmt, 0);
      if (row != NULL)
        *row = kiosk_replica_column_text (stmt, 1);
    }
  return TRUE;
}

/* Keeps @version/@json as the row's server copy unless a newer one is kept. */
static gboolean
set_server_copy (KioskReplica  *self,
                 KioskEntity    entity,
                 const char    *id,
                 gint64         version,
                 const char    *json,
                 GError       **error)
{
  BEGIN_PUT ("INSERT INTO server_copy (entity, id, version, row) VALUES (?1, ?2, ?3, ?4) "
             "ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, row = excluded.row "
             "WHERE excluded.version > server_copy.version");

  kiosk_replica_bind_text (stmt, 1, entity_sql (entity)->name);
  kiosk_replica_bind_text (stmt, 2, id);
  sqlite3_bind_int64 (stmt, 3, version);
  kiosk_replica_bind_text (stmt, 4, json);
  return kiosk_replica_run (self, stmt, error);
}

static gboolean
forget_server_copy (KioskReplica  *self,
                    KioskEntity    entity,
                    const char    *id,
                    GError       **error)
{
  BEGIN_PUT ("DELETE FROM server_copy WHERE entity = ?1 AND id = ?2");

  kiosk_replica_bind_text (stmt, 1, entity_sql (entity)->name);
  kiosk_replica_bind_text (stmt, 2, id);
  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_replica_keep_server_copy (KioskReplica  *self,
                                KioskEntity    entity,
                                gconstpointer  record,
                                GError       **error)
{
  const char *id = kiosk_record_get_id (entity, record);
  g_autofree char *desk = NULL;
  g_autofree char *server = NULL;

  /* The desk's row, the server's written over it and read back, then the
   * desk's again: inside the caller's savepoint or transaction. */
  desk = row_to_json (self, entity, id, error);
  if (desk == NULL)
    return FALSE;
  if (!kiosk_replica_put_server_record (self, entity, record, error))
    return FALSE;
  server = row_to_json (self, entity, id, error);
  if (server == NULL)
    return FALSE;
  if (!row_from_json (self, entity, id, desk, error))
    return FALSE;
  return set_server_copy (self, entity, id, kiosk_record_get_version (entity, record), server, error);
}

gboolean
kiosk_replica_settle_row (KioskReplica  *self,
                          KioskEntity    entity,
                          const char    *id,
                          gconstpointer  record,
                          GError       **error)
{
  g_autofree char *kept = NULL;
  gboolean found = FALSE;
  gint64 kept_version = 0;

  if (!get_server_copy (self, entity, id, &found, &kept_version, &kept, error))
    return FALSE;

  /* The newest of the reply and what the feed said meanwhile wins: a reply
   * replayed for a retried key may be older than the feed's copy. */
  if (record != NULL && (!found || kiosk_record_get_version (entity, record) >= kept_version))
    {
      if (!kiosk_replica_put_server_record (self, entity, record, error))
        return FALSE;
    }
  else if (found && kept == NULL)
    {
      if (!kiosk_replica_delete (self, entity_sql (entity)->name, id, error))
        return FALSE;
    }
  else if (found)
    {
      if (!row_from_json (self, entity, id, kept, error))
        return FALSE;
    }
  else
    {
      /* No word from the server: the desk's content stands, no longer pending. */
      g_autoptr(KioskCachedStmt) stmt = kiosk_replica_prepare (self, entity_sql (entity)->clear_pending_sql, error);

      if (stmt == NULL)
        return FALSE;
      kiosk_replica_bind_text (stmt, 1, id);
      if (!kiosk_replica_run (self, stmt, error))
        return FALSE;
    }

  return !found || forget_server_copy (self, entity, id, error);
}

/* The version held: the row's, or the newer server copy of a pending row. */
static gboolean
get_held (KioskReplica  *self,
          KioskEntity    entity,
          const char    *id,
          gboolean      *exists,
          gint64        *version,
          gboolean      *pending,
          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean found = FALSE;
  gint64 kept = 0;

  *exists = kiosk_replica_get_row_state (self, entity_sql (entity)->name, id, version, pending, &local_error);
  if (!*exists)
    {
      if (!g_error_matches (local_error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      *version = -1;
      *pending = FALSE;
      return TRUE;
    }
  if (!get_server_copy (self, entity, id, &found, &kept, NULL, error))
    return FALSE;
  if (found)
    *version = MAX (*version, kept);
  return TRUE;
}

gint64
kiosk_replica_get_row_version (KioskReplica *self,
                               KioskEntity   entity,
                               const char   *id)
{
  gboolean exists = FALSE;
  gboolean pending = FALSE;
  gint64 version = -1;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), -1);
  g_return_val_if_fail (id != NULL, -1);
  g_return_val_if_fail ((guint)entity < KIOSK_N_ENTITIES, -1);

  if (!get_held (self, entity, id, &exists, &version, &pending, NULL) || !exists)
    return -1;
  return version;
}

gboolean
kiosk_replica_in_snapshot (KioskReplica *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  value = kiosk_replica_get_meta (self, KIOSK_META_SNAPSHOT);
  return value != NULL;
}

static gboolean
mark_seen (KioskReplica  *self,
           KioskEntity    entity,
           const char    *id,
           GError       **error)
{
  /* One statement, no copy of the meta value: this runs for every row. A
   * snapshot into an empty replica ("fresh") needs no marks: every server
   * row it ends with came from it. */
  BEGIN_PUT ("INSERT OR IGNORE INTO snapshot_seen (entity, id) "
             "SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM meta WHERE key = '" KIOSK_META_SNAPSHOT "' "
             "AND value <> '" SNAPSHOT_FRESH "')");

  kiosk_replica_bind_text (stmt, 1, entity_sql (entity)->name);
  kiosk_replica_bind_text (stmt, 2, id);
  return kiosk_replica_run (self, stmt, error);
}

/* get_held() in one statement, for the feed's hot path: also says
 * whether a server copy is kept (which the row's upsert must then drop). */
static gboolean
get_held_fast (KioskReplica  *self,
               KioskEntity    entity,
               const char    *id,
               gboolean      *exists,
               gint64        *version,
               gboolean      *pending,
               gboolean      *has_copy,
               GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = kiosk_replica_prepare (self, entity_sql (entity)->held_sql, error);

  if (stmt == NULL)
    return FALSE;
  kiosk_replica_bind_text (stmt, 1, id);
  if (!kiosk_replica_next (self, stmt, exists, error))
    return FALSE;
  *version = -1;
  *pending = FALSE;
  *has_copy = FALSE;
  if (*exists)
    {
      *version = sqlite3_column_int64 (stmt, 0);
      *pending = sqlite3_column_int (stmt, 1) != 0;
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          *has_copy = TRUE;
          *version = MAX (*version, sqlite3_column_int64 (stmt, 2));
        }
    }
  return TRUE;
}

gboolean
kiosk_replica_apply_upsert (KioskReplica      *self,
                            KioskEntity        entity,
                            gconstpointer      record,
                            KioskApplyResult  *result,
                            GError           **error)
{
  const char *id;
  gboolean exists = FALSE;
  gboolean pending = FALSE;
  gint64 held = -1;
  KioskApplyResult outcome;
  gboolean ok;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!check_entity (entity, error))
    return FALSE;
  id = kiosk_record_get_id (entity, record);
  if (id == NULL)
    {
      g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_CONSTRAINT,
                   _("A %s from the server has no id"), entity_sql (entity)->name);
      return FALSE;
    }

  if (!kiosk_replica_check_usable (self, error))
    return FALSE;
  {
    gboolean has_copy = FALSE;

    if (!get_held_fast (self, entity, id, &exists, &held, &pending, &has_copy, error))
      return FALSE;
    /* The common case of a snapshot: a new or older row, nobody's pending
     * changes, no kept copy, one table. Its upsert is one statement, atomic
     * by itself (a refused row leaves nothing behind), so it needs no
     * savepoint; the mark comes after it. */
    if ((!exists || (!pending && kiosk_record_get_version (entity, record) > held)) &&
        !has_copy && entity != KIOSK_ENTITY_EMPLOYEE)
      {
        if (!kiosk_replica_put_server_record (self, entity, record, error) ||
            !mark_seen (self, entity, id, error))
          return FALSE;
        if (result != NULL)
          *result = KIOSK_APPLY_APPLIED;
        return TRUE;
      }
  }

  if (!savepoint (self, error))
    return FALSE;

  ok = get_held (self, entity, id, &exists, &held, &pending, error);
  if (ok && exists && kiosk_record_get_version (entity, record) <= held)
    outcome = KIOSK_APPLY_REPLAY;
  else if (ok && exists && pending)
    {
      outcome = KIOSK_APPLY_KEPT_LOCAL;
      ok = kiosk_replica_keep_server_copy (self, entity, record, error);
    }
  else
    {
      outcome = KIOSK_APPLY_APPLIED;
      ok = ok && kiosk_replica_put_server_record (self, entity, record, error)
              && forget_server_copy (self, entity, id, error);
    }
  /* A replayed or kept row is still in the server's snapshot. */
  ok = ok && mark_seen (self, entity, id, error);

  if (!savepoint_end (self, ok, error))
    return FALSE;
  if (result != NULL)
    *result = outcome;
  return TRUE;
}

gboolean
kiosk_replica_apply_delete (KioskReplica      *self,
                            KioskEntity        entity,
                            const char        *id,
                            gint64             version,
                            KioskApplyResult  *result,
                            GError           **error)
{
  gboolean exists = FALSE;
  gboolean pending = FALSE;
  gint64 held = -1;
  KioskApplyResult outcome = KIOSK_APPLY_APPLIED;
  gboolean ok;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!check_entity (entity, error))
    return FALSE;
  if (!savepoint (self, error))
    return FALSE;

  ok = get_held (self, entity, id, &exists, &held, &pending, error);
  if (ok && !exists)
    ok = forget_server_copy (self, entity, id, error);   /* already gone */
  else if (ok && version <= held)
    outcome = KIOSK_APPLY_REPLAY;
  else if (ok && pending)
    {
      outcome = KIOSK_APPLY_KEPT_LOCAL;
      ok = set_server_copy (self, entity, id, version, NULL, error);
    }
  else if (ok)
    ok = kiosk_replica_delete (self, entity_sql (entity)->name, id, error)
         && forget_server_copy (self, entity, id, error);

  if (!savepoint_end (self, ok, error))
    return FALSE;
  if (result != NULL)
    *result = outcome;
  return TRUE;
}

gboolean
kiosk_replica_set_bulk (KioskReplica  *self,
                        gboolean       bulk,
                        GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  if (!kiosk_replica_check_usable (self, error))
    return FALSE;
  /* NORMAL in WAL mode: a commit is atomic and the file consistent, only
   * the last commits may be lost to a power cut. That keeps the promise of
   * docs/kiosk-api.md §4 only because the cursor is in the same
   * transaction as the page's rows (§3.2): a lost commit loses both, and
   * the next pull fetches that page again from the cursor still stored.
   * The larger WAL checkpoints (and syncs) once per ~60 MiB rather than
   * after every page of a snapshot. A snapshot mostly appends (rows come
   * in key order, the other indexes are built at the end), so a smaller
   * page cache keeps the kiosk's memory down. */
  return kiosk_replica_exec (self, bulk ? "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 16384;"
                                          "PRAGMA cache_size = -24576;"
                                        : "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000;"
                                          "PRAGMA cache_size = -65536;",
                             error);
}

static gboolean
replica_is_empty (KioskReplica  *self,
                  gboolean      *empty,
                  GError       **error)
{
  *empty = TRUE;
  for (guint i = 0; i < KIOSK_N_ENTITIES && *empty; i++)
    {
      g_autoptr(KioskCachedStmt) stmt = kiosk_replica_prepare (self, entity_sql (i)->has_rows_sql, error);
      gboolean has_row = FALSE;

      if (stmt == NULL || !kiosk_replica_next (self, stmt, &has_row, error))
        return FALSE;
      *empty = !has_row || sqlite3_column_int (stmt, 0) == 0;
    }
  return TRUE;
}

gboolean
kiosk_replica_restore_indexes (KioskReplica  *self,
                               GError       **error)
{
  g_autofree char *deferred = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  deferred = kiosk_replica_get_meta (self, KIOSK_META_DEFERRED);
  if (deferred != NULL && kiosk_replica_in_snapshot (self))
    return TRUE;   /* the snapshot builds them when it is done */

  /* One index a transaction: the desk's connection waits for each. */
  for (guint i = 0; kiosk_replica_deferred_indexes[i].name != NULL; i++)
    {
      g_autoptr(KioskCachedStmt) stmt = NULL;
      gboolean exists = FALSE;

      stmt = kiosk_replica_prepare (self, "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?1", error);
      if (stmt == NULL)
        return FALSE;
      kiosk_replica_bind_text (stmt, 1, kiosk_replica_deferred_indexes[i].name);
      if (!kiosk_replica_next (self, stmt, &exists, error))
        return FALSE;
      g_clear_pointer (&stmt, kiosk_cached_stmt_release);
      if (exists)
        continue;
      if (!kiosk_replica_begin (self, error))
        return FALSE;
      if (!kiosk_replica_exec (self, kiosk_replica_deferred_indexes[i].create_sql, error))
        {
          kiosk_replica_rollback (self);
          return FALSE;
        }
      if (!kiosk_replica_commit (self, error))
        return FALSE;
    }
  if (!kiosk_replica_search_restore (self, error))
    return FALSE;
  return deferred == NULL || kiosk_replica_set_meta (self, KIOSK_META_DEFERRED, NULL, error);
}

gboolean
kiosk_replica_snapshot_begin (KioskReplica  *self,
                              GError       **error)
{
  gboolean empty = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  if (!kiosk_replica_begin (self, error))
    return FALSE;
  /* Emptying the marks is "every row unseen"; the cursor goes with them so
   * that a restart cannot continue a feed the snapshot replaced. */
  if (!kiosk_replica_exec (self, "DELETE FROM snapshot_seen", error) ||
      !replica_is_empty (self, &empty, error) ||
      !kiosk_replica_set_meta (self, KIOSK_META_SNAPSHOT, empty ? SNAPSHOT_FRESH : "1", error) ||
      !kiosk_replica_set_meta (self, KIOSK_META_CURSOR, NULL, error))
    goto failed;

  /* A first sync fills a million rows page by page. Keeping the secondary
   * indexes up to date row by row would dirty a random page of each per
   * row, rewritten at every page's commit (three times the work of the
   * rows themselves); building them once at the end is a sort. Only for an
   * empty replica, whose screens have nothing to look up meanwhile. */
  if (empty)
    {
      for (guint i = 0; kiosk_replica_deferred_indexes[i].name != NULL; i++)
        {
          g_autofree char *drop = g_strdup_printf ("DROP INDEX IF EXISTS %s",
                                                   kiosk_replica_deferred_indexes[i].name);

          if (!kiosk_replica_exec (self, drop, error))
            goto failed;
        }
      /* The search keys likewise: one pass over the customers at the end
       * rather than a fold and an FTS insert per row. */
      if (!kiosk_replica_set_meta (self, KIOSK_META_DEFERRED, "1", error) ||
          !kiosk_replica_search_suspend (self, error))
        goto failed;
    }
  return kiosk_replica_commit (self, error);

failed:
  kiosk_replica_rollback (self);
  return FALSE;
}

gboolean
kiosk_replica_snapshot_finish (KioskReplica  *self,
                               GError       **error)
{
  g_autofree char *mark = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  if (!kiosk_replica_begin (self, error))
    return FALSE;

  /* Without marks every row would look unseen: never delete on a guess. */
  mark = kiosk_replica_get_meta (self, KIOSK_META_SNAPSHOT);
  if (mark == NULL)
    {
      kiosk_replica_rollback (self);
      g_set_error_literal (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_FAILED,
                           _("No snapshot of the server's data is in progress"));
      return FALSE;
    }

  /* A fresh snapshot kept no marks: nothing in the replica predates it. */
  for (guint i = 0; i < KIOSK_N_ENTITIES && !g_str_equal (mark, SNAPSHOT_FRESH); i++)
    {
      g_autoptr(KioskCachedStmt) tombstones = NULL;
      g_autoptr(KioskCachedStmt) unseen = NULL;

      tombstones = kiosk_replica_prepare (self, entity_sql (i)->unseen_tombstones_sql, error);
      if (tombstones == NULL || !kiosk_replica_run (self, tombstones, error))
        goto failed;
      unseen = kiosk_replica_prepare (self, entity_sql (i)->delete_unseen_sql, error);
      if (unseen == NULL || !kiosk_replica_run (self, unseen, error))
        goto failed;
    }

  if (!kiosk_replica_exec (self, "DELETE FROM snapshot_seen", error) ||
      !kiosk_replica_set_meta (self, KIOSK_META_SNAPSHOT, NULL, error))
    goto failed;
  if (!kiosk_replica_commit (self, error))
    return FALSE;
  /* The replica is whole and consistent already; without the indexes it is
   * only slower. Inside the caller's transaction (the feed's last page),
   * the caller builds them after its commit, so that the desk's connection
   * never waits for all of them at once. */
  if (!sqlite3_get_autocommit (kiosk_replica_get_db (self)))
    return TRUE;
  return kiosk_replica_restore_indexes (self, error);

failed:
  kiosk_replica_rollback (self);
  return FALSE;
}

gint64
kiosk_replica_quarantine_count (KioskReplica *self)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), -1);

  return kiosk_replica_count (self, "quarantine", NULL);
}

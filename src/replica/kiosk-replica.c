/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The replica object and its connection: opening (migrating, and making
 * a new file when the old one is damaged), the statement cache,
 * transactions and the reader connection of the search. Around it: the
 * file on disk in kiosk-replica-files.c, errors in kiosk-replica-errors.c,
 * stepping and reading rows in kiosk-replica-rows.c, meta in
 * kiosk-replica-meta.c. The rows themselves are in kiosk-replica-entities.c,
 * kiosk-replica-queries.c and kiosk-replica-outbox.c; the sync engine's
 * side in kiosk-replica-sync.c.
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kiosk-replica-private.h"
#include "kiosk-replica-search-private.h"

struct _KioskReplica
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *moved_aside_path;
  int         schema_version;

  /* SQL text (static strings only) -> sqlite3_stmt, finalized with the
   * object. */
  GHashTable *statements;

  /* Nested begin/commit: only depth 0 -> 1 and 1 -> 0 touch SQLite. */
  guint       depth;
  gboolean    rolled_back;
};

G_DEFINE_FINAL_TYPE (KioskReplica, kiosk_replica, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_MOVED_ASIDE_PATH,
  PROP_SCHEMA_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
kiosk_cached_stmt_release (KioskCachedStmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
kiosk_replica_finalize (GObject *object)
{
  KioskReplica *self = (KioskReplica *)object;

  kiosk_replica_search_close_readers (self);
  if (self->depth > 0 && self->db != NULL && !sqlite3_get_autocommit (self->db))
    {
      g_warning ("Replica closed inside a transaction; its changes are rolled back");
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  /* Statements first: sqlite3_close() refuses while any is alive. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      if (sqlite3_close (self->db) != SQLITE_OK)
        g_warning ("Cannot close the replica %s: %s", self->path, sqlite3_errmsg (self->db));
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->moved_aside_path, g_free);

  G_OBJECT_CLASS (kiosk_replica_parent_class)->finalize (object);
}

static void
kiosk_replica_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KioskReplica *self = KIOSK_REPLICA (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_MOVED_ASIDE_PATH:
      g_value_set_string (value, self->moved_aside_path);
      break;
    case PROP_SCHEMA_VERSION:
      g_value_set_int (value, self->schema_version);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_replica_class_init (KioskReplicaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kiosk_replica_finalize;
  object_class->get_property = kiosk_replica_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MOVED_ASIDE_PATH] =
    g_param_spec_string ("moved-aside-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCHEMA_VERSION] =
    g_param_spec_int ("schema-version", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_replica_init (KioskReplica *self)
{
  /* Keyed by the SQL text's address: every statement is a static string,
   * and hashing a long SQL text on each of a million puts shows in profiles. */
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            (GDestroyNotify)sqlite3_finalize);
}

/* Failures */

/* After a failed statement: SQLite may have rolled the whole transaction back
 * by itself (disk full, I/O error); then the caller's outer commit must fail
 * rather than commit the writes that follow in autocommit mode. */
void
kiosk_replica_fail (KioskReplica  *self,
                    int            rc,
                    GError       **error)
{
  kiosk_replica_set_sqlite_error (error, rc, sqlite3_errmsg (self->db), self->path);
  if (self->depth > 0 && !self->rolled_back && sqlite3_get_autocommit (self->db))
    {
      g_debug ("SQLite rolled the transaction back after: %s", sqlite3_errmsg (self->db));
      self->rolled_back = TRUE;
    }
}

gboolean
kiosk_replica_check_usable (KioskReplica  *self,
                            GError       **error)
{
  if (self->rolled_back)
    {
      g_set_error_literal (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_FAILED,
                           _("The current change was cancelled; nothing more is written until it ends"));
      return FALSE;
    }
  return TRUE;
}

/* Statements */

KioskCachedStmt *
kiosk_replica_prepare (KioskReplica  *self,
                       const char    *sql,
                       GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      kiosk_replica_fail (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer)sql, stmt);
  return stmt;
}

/* Names sort as people expect (İ, Ş, Ç … near I, S, C), not by bytes. */
static int
collate_names (void       *data,
               int         len_a,
               const void *a,
               int         len_b,
               const void *b)
{
  g_autofree char *str_a = g_strndup (a, len_a);
  g_autofree char *str_b = g_strndup (b, len_b);
  int result;

  if (!g_utf8_validate (str_a, -1, NULL) || !g_utf8_validate (str_b, -1, NULL))
    result = strcmp (str_a, str_b);
  else
    result = g_utf8_collate (str_a, str_b);
  if (result == 0)
    result = strcmp (str_a, str_b);
  return result;
}

/* Opening */

typedef enum {
  OPEN_OK,
  OPEN_CORRUPT,
  OPEN_FAILED,
} OpenResult;

static int
set_wal_mode (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *mode = (const char *)sqlite3_column_text (stmt, 0);

      if (g_ascii_strcasecmp (mode != NULL ? mode : "", "wal") != 0)
        g_warning ("The replica stays in journal mode %s, not WAL", mode);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* One attempt at opening @path as it is. OPEN_CORRUPT means the file is not
 * a database or is damaged; *error then says how. */
static OpenResult
kiosk_replica_try_open (KioskReplica  *self,
                        int            target,
                        GError       **error)
{
  int version = 0;
  int failed_step = 0;
  gboolean complete = FALSE;
  int rc;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS) && !kiosk_replica_file_create (self->path, error))
    return OPEN_FAILED;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  /* Until the file is known good, closing must not checkpoint: that would
   * write a damaged or too-new file's WAL into it and delete the WAL. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_create_collation_v2 (self->db, "KIOSK_NAME", SQLITE_UTF8, NULL, collate_names, NULL);

  /* The version first: a file from a newer build must not even be switched
   * to WAL (that rewrites its header). */
  rc = kiosk_replica_schema_read_version (self->db, &version);
  if (rc != SQLITE_OK)
    goto failed;
  if (version > KIOSK_REPLICA_SCHEMA_VERSION)
    {
      g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_TOO_NEW,
                   _("The local database %s was made by a newer version of the kiosk "
                     "(schema %d, this one knows up to %d). It was left untouched; "
                     "please update the kiosk."),
                   self->path, version, KIOSK_REPLICA_SCHEMA_VERSION);
      return OPEN_FAILED;
    }

  /* busy_timeout above: the sync engine has its own connection. cache_size:
   * up to 64 MiB of pages, used only as needed; with SQLite's 2 MiB default,
   * filling 1M appointments in one transaction spills and rewrites the same
   * index pages over and over. */
  rc = set_wal_mode (self->db);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db,
                       "PRAGMA synchronous = FULL;"
                       "PRAGMA foreign_keys = ON;"
                       "PRAGMA cache_size = -65536;",
                       NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  rc = kiosk_replica_schema_migrate (self->db, target, &failed_step);
  if (rc != SQLITE_OK)
    {
      if (!kiosk_replica_is_corruption (rc))
        {
          g_autofree char *detail = g_strdup_printf ("migration to version %d: %s",
                                                     failed_step, sqlite3_errmsg (self->db));

          kiosk_replica_set_sqlite_error (error, rc, detail, self->path);
          return OPEN_FAILED;
        }
      goto failed;
    }

  rc = kiosk_replica_schema_read_version (self->db, &version);
  if (rc == SQLITE_OK)
    rc = kiosk_replica_schema_check (self->db, MIN (version, target), &complete);
  if (rc != SQLITE_OK)
    goto failed;
  if (!complete)
    {
      g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_CORRUPT,
                   _("The local database %s says it has schema %d but lacks some of its tables"),
                   self->path, version);
      return OPEN_CORRUPT;
    }

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
  kiosk_replica_file_tighten_mode (self->path);
  self->schema_version = version;
  return OPEN_OK;

failed:
  {
    g_autofree char *detail = g_strdup (self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));

    kiosk_replica_set_sqlite_error (error, rc, detail, self->path);
    return kiosk_replica_is_corruption (rc) ? OPEN_CORRUPT : OPEN_FAILED;
  }
}

static void
kiosk_replica_close_db (KioskReplica *self)
{
  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    sqlite3_close (self->db);
  self->db = NULL;
}

static KioskReplica *
kiosk_replica_open_internal (const char  *path,
                             int          target,
                             GError     **error)
{
  g_autoptr(KioskReplica) self = NULL;
  g_autoptr(GError) local_error = NULL;
  OpenResult result;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (KIOSK_TYPE_REPLICA, NULL);
  self->path = g_strdup (path);

  result = kiosk_replica_try_open (self, target, &local_error);
  if (result == OPEN_CORRUPT)
    {
      kiosk_replica_close_db (self);

      /* Never delete: the kept file may still hold desk changes that did
       * not reach the server. */
      self->moved_aside_path = kiosk_replica_file_move_aside (path, "corrupt", error);
      if (self->moved_aside_path == NULL)
        return NULL;
      g_warning ("%s. It was kept as %s and a new local database was made.",
                 local_error->message, self->moved_aside_path);

      g_clear_error (&local_error);
      result = kiosk_replica_try_open (self, target, &local_error);
    }

  if (result != OPEN_OK)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&self);
}

KioskReplica *
kiosk_replica_open (const char  *path,
                    GError     **error)
{
  return kiosk_replica_open_internal (path, KIOSK_REPLICA_SCHEMA_VERSION, error);
}

KioskReplica *
kiosk_replica_open_at_version (const char  *path,
                               int          version,
                               GError     **error)
{
  g_return_val_if_fail (version >= 1 && version <= KIOSK_REPLICA_SCHEMA_VERSION, NULL);

  return kiosk_replica_open_internal (path, version, error);
}

const char *
kiosk_replica_get_path (KioskReplica *self)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  return self->path;
}

const char *
kiosk_replica_get_moved_aside_path (KioskReplica *self)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  return self->moved_aside_path;
}

int
kiosk_replica_get_schema_version (KioskReplica *self)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), 0);

  return self->schema_version;
}

sqlite3 *
kiosk_replica_get_db (KioskReplica *self)
{
  return self->db;
}

gboolean
kiosk_replica_exec_for_testing (KioskReplica  *self,
                                const char    *sql,
                                GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  return kiosk_replica_exec (self, sql, error);
}

/* Transactions */

gboolean
kiosk_replica_begin (KioskReplica  *self,
                     GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  if (!kiosk_replica_check_usable (self, error))
    return FALSE;
  /* IMMEDIATE: take the write lock now, so that the sync engine's
   * connection makes us wait here rather than fail halfway. */
  if (self->depth == 0 && !kiosk_replica_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
kiosk_replica_commit (KioskReplica  *self,
                      GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  if (self->depth == 0)
    {
      g_set_error_literal (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_FAILED,
                           _("Commit without a transaction"));
      return FALSE;
    }

  self->depth--;

  if (self->rolled_back)
    {
      if (self->depth == 0)
        self->rolled_back = FALSE;
      g_set_error_literal (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_FAILED,
                           _("The change was not saved: part of it failed and all of it was rolled back"));
      return FALSE;
    }

  if (self->depth > 0)
    return TRUE;

  if (!kiosk_replica_exec (self, "COMMIT", error))
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

void
kiosk_replica_rollback (KioskReplica *self)
{
  g_return_if_fail (KIOSK_IS_REPLICA (self));

  if (self->depth == 0)
    {
      g_critical ("kiosk_replica_rollback() without a transaction");
      return;
    }

  if (!self->rolled_back)
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->rolled_back = TRUE;
    }

  self->depth--;
  if (self->depth == 0)
    self->rolled_back = FALSE;
}

/* A second, read-only connection to the same file, for a worker thread
 * (kiosk-replica-search.c): WAL lets it read while this one writes. It
 * never migrates, moves or creates anything; the file is this one's. */
KioskReplica *
kiosk_replica_open_reader (KioskReplica  *self,
                           GError       **error)
{
  g_autoptr(KioskReplica) reader = NULL;
  int rc;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  reader = g_object_new (KIOSK_TYPE_REPLICA, NULL);
  reader->path = g_strdup (self->path);
  reader->schema_version = self->schema_version;
  rc = sqlite3_open_v2 (self->path, &reader->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_db_config (reader->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      sqlite3_extended_result_codes (reader->db, 1);
      sqlite3_busy_timeout (reader->db, 5000);
      rc = sqlite3_create_collation_v2 (reader->db, "KIOSK_NAME", SQLITE_UTF8, NULL, collate_names, NULL);
    }
  if (rc == SQLITE_OK)
    rc = kiosk_replica_search_register_functions (reader->db);
  /* The search's tables and indexes stay in its own cache between
   * keystrokes: as much as the desk's connection may keep (used only as
   * needed, some 30 MiB with 200 000 customers); SQLite's default 2 MiB
   * would read most pages from the OS again at each search. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (reader->db, "PRAGMA cache_size = -65536;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *detail = g_strdup (reader->db != NULL ? sqlite3_errmsg (reader->db) : sqlite3_errstr (rc));

      kiosk_replica_set_sqlite_error (error, rc, detail, self->path);
      return NULL;
    }
  return g_steal_pointer (&reader);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kiosk-replica-private.h"

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

G_DEFINE_QUARK (kiosk-replica-error-quark, kiosk_replica_error)

/* A cached statement is lent out and must go back reset and unbound, on
 * every path: g_autoptr(KioskCachedStmt) does that. */
typedef sqlite3_stmt KioskCachedStmt;

static void
kiosk_cached_stmt_release (KioskCachedStmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskCachedStmt, kiosk_cached_stmt_release)

static void
kiosk_replica_finalize (GObject *object)
{
  KioskReplica *self = (KioskReplica *)object;

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

/* Errors */

static gboolean
is_corruption (int rc)
{
  int primary = rc & 0xff;

  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

static KioskReplicaError
error_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return KIOSK_REPLICA_ERROR_FULL;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return KIOSK_REPLICA_ERROR_IO;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return KIOSK_REPLICA_ERROR_CORRUPT;
    case SQLITE_CONSTRAINT:
      return KIOSK_REPLICA_ERROR_CONSTRAINT;
    default:
      return KIOSK_REPLICA_ERROR_FAILED;
    }
}

/* @rc is the result of the failed call and @detail sqlite3_errmsg(). */
static void
set_sqlite_error (GError     **error,
                  int          rc,
                  const char  *detail,
                  const char  *path)
{
  KioskReplicaError code = error_code_from_sqlite (rc);

  switch (code)
    {
    case KIOSK_REPLICA_ERROR_FULL:
      g_set_error (error, KIOSK_REPLICA_ERROR, code,
                   _("The disk is full: the local database %s cannot grow (%s). "
                     "The change was not saved; what was saved before is kept. "
                     "Free some space and try again."),
                   path, detail);
      break;
    case KIOSK_REPLICA_ERROR_IO:
      g_set_error (error, KIOSK_REPLICA_ERROR, code,
                   _("Cannot read or write the local database %s (%s)"), path, detail);
      break;
    case KIOSK_REPLICA_ERROR_CORRUPT:
      g_set_error (error, KIOSK_REPLICA_ERROR, code,
                   _("The local database %s is damaged (%s)"), path, detail);
      break;
    case KIOSK_REPLICA_ERROR_CONSTRAINT:
      g_set_error (error, KIOSK_REPLICA_ERROR, code,
                   _("The change breaks a rule of the local database (%s)"), detail);
      break;
    case KIOSK_REPLICA_ERROR_TOO_NEW:
    case KIOSK_REPLICA_ERROR_NOT_FOUND:
    case KIOSK_REPLICA_ERROR_FAILED:
    default:
      g_set_error (error, KIOSK_REPLICA_ERROR, code,
                   _("The local database %s failed (%s)"), path, detail);
      break;
    }
}

/* After a failed statement: SQLite may have rolled the whole transaction back
 * by itself (disk full, I/O error); then the caller's outer commit must fail
 * rather than commit the writes that follow in autocommit mode. */
static void
kiosk_replica_fail (KioskReplica  *self,
                    int            rc,
                    GError       **error)
{
  set_sqlite_error (error, rc, sqlite3_errmsg (self->db), self->path);
  if (self->depth > 0 && !self->rolled_back && sqlite3_get_autocommit (self->db))
    {
      g_debug ("SQLite rolled the transaction back after: %s", sqlite3_errmsg (self->db));
      self->rolled_back = TRUE;
    }
}

static gboolean
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

static KioskCachedStmt *
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

/* Steps a statement that returns no rows. */
static gboolean
kiosk_replica_run (KioskReplica     *self,
                   KioskCachedStmt  *stmt,
                   GError          **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  kiosk_replica_fail (self, rc, error);
  return FALSE;
}

/* Steps a query: TRUE and *has_row for each row, FALSE on error. */
static gboolean
kiosk_replica_next (KioskReplica     *self,
                    KioskCachedStmt  *stmt,
                    gboolean         *has_row,
                    GError          **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = (rc == SQLITE_ROW);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  kiosk_replica_fail (self, rc, error);
  return FALSE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  /* SQLITE_STATIC: the caller's strings outlive the step, and the cached
   * statement is unbound before the call returns. */
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, index));
}

static gboolean
exec_sql (KioskReplica  *self,
          const char    *sql,
          GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    return TRUE;
  kiosk_replica_fail (self, rc, error);
  return FALSE;
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

static char *
utc_stamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y%m%dT%H%M%SZ");
}

static gboolean
rename_beside (const char  *from,
               const char  *to,
               GError     **error)
{
  if (g_rename (from, to) == 0)
    return TRUE;
  if (errno == ENOENT)
    return TRUE;  /* no such companion file: nothing to keep */
  {
    int saved_errno = errno;

    g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_IO,
                 _("Cannot move the damaged local database %s aside to %s: %s"),
                 from, to, g_strerror (saved_errno));
  }
  return FALSE;
}

/* Renames @path and its -wal/-shm to "<path>.<what>-<UTC time>[-N]" and
 * "…-wal"/"…-shm", so that SQLite opens the kept copy with its journal. */
static char *
move_aside (const char  *path,
            const char  *what,
            GError     **error)
{
  g_autofree char *stamp = utc_stamp ();
  g_autofree char *target = g_strdup_printf ("%s.%s-%s", path, what, stamp);
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint n = 1; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.%s-%s-%u", path, what, stamp, n);
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (!rename_beside (from, to, error))
        return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS) && !rename_beside (path, target, error))
    return NULL;

  return g_steal_pointer (&target);
}

/* Makes the file ourselves so that it is 0600 from the first byte; SQLite
 * gives its -wal and -shm the same mode. */
static gboolean
create_file (const char  *path,
             GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  int fd;

  /* A journal left without its database would be replayed into the new
   * one: keep it, out of the way. */
  if (g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (shm, G_FILE_TEST_EXISTS))
    {
      g_autofree char *kept = move_aside (path, "orphan", error);

      if (kept == NULL)
        return FALSE;
      g_warning ("A journal without its database was kept as %s-wal", kept);
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EEXIST)
        return TRUE;  /* another process made it meanwhile */
      g_set_error (error, KIOSK_REPLICA_ERROR,
                   saved_errno == ENOSPC ? KIOSK_REPLICA_ERROR_FULL : KIOSK_REPLICA_ERROR_IO,
                   _("Cannot create the local database %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  /* The umask may have taken bits away, never added any: make it exact. */
  if (fchmod (fd, 0600) != 0)
    g_debug ("Cannot chmod %s: %s", path, g_strerror (errno));
  close (fd);
  return TRUE;
}

/* A file made by hand or by an older build may be readable by others: the
 * replica holds customers' names and phones. */
static void
tighten_mode (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0 && (st.st_mode & 0077) != 0 && g_chmod (file, 0600) != 0)
        g_warning ("Cannot make %s private: %s", file, g_strerror (errno));
    }
}

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

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS) && !create_file (self->path, error))
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
      if (!is_corruption (rc))
        {
          g_autofree char *detail = g_strdup_printf ("migration to version %d: %s",
                                                     failed_step, sqlite3_errmsg (self->db));

          set_sqlite_error (error, rc, detail, self->path);
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
  tighten_mode (self->path);
  self->schema_version = version;
  return OPEN_OK;

failed:
  {
    g_autofree char *detail = g_strdup (self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));

    set_sqlite_error (error, rc, detail, self->path);
    return is_corruption (rc) ? OPEN_CORRUPT : OPEN_FAILED;
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
      self->moved_aside_path = move_aside (path, "corrupt", error);
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

gboolean
kiosk_replica_exec_for_testing (KioskReplica  *self,
                                const char    *sql,
                                GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  return exec_sql (self, sql, error);
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
  if (self->depth == 0 && !exec_sql (self, "BEGIN IMMEDIATE", error))
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

  if (!exec_sql (self, "COMMIT", error))
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

/* Meta */

char *
kiosk_replica_get_meta (KioskReplica *self,
                        const char   *key)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = kiosk_replica_prepare (self, "SELECT value FROM meta WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, key);
  if (!kiosk_replica_next (self, stmt, &has_row, NULL) || !has_row)
    return NULL;
  return column_text (stmt, 0);
}

gboolean
kiosk_replica_set_meta (KioskReplica  *self,
                        const char    *key,
                        const char    *value,
                        GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!kiosk_replica_check_usable (self, error))
    return FALSE;

  /* NULL forgets the key. */
  if (value == NULL)
    stmt = kiosk_replica_prepare (self, "DELETE FROM meta WHERE key = ?1", error);
  else
    stmt = kiosk_replica_prepare (self,
                                  "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  if (value != NULL)
    bind_text (stmt, 2, value);
  return kiosk_replica_run (self, stmt, error);
}

/* Upserts */

#define BEGIN_PUT(sql)                                                  \
  g_autoptr(KioskCachedStmt) stmt = NULL;                               \
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);                \
  if (!kiosk_replica_check_usable (self, error))                        \
    return FALSE;                                                       \
  stmt = kiosk_replica_prepare (self, sql, error);                      \
  if (stmt == NULL)                                                     \
    return FALSE

gboolean
kiosk_replica_put_salon (KioskReplica      *self,
                         const KioskSalon  *salon,
                         GError           **error)
{
  BEGIN_PUT ("INSERT INTO salon (id, name, address, city, district, phone, opening_time, closing_time, "
             "                   timezone, version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, coalesce (?9, 'Europe/Istanbul'), ?10, 0) "
             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address, "
             "  city = excluded.city, district = excluded.district, phone = excluded.phone, "
             "  opening_time = excluded.opening_time, closing_time = excluded.closing_time, "
             "  timezone = excluded.timezone, version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (salon != NULL && salon->id != NULL, FALSE);

  bind_text (stmt, 1, salon->id);
  bind_text (stmt, 2, salon->name);
  bind_text (stmt, 3, salon->address);
  bind_text (stmt, 4, salon->city);
  bind_text (stmt, 5, salon->district);
  bind_text (stmt, 6, salon->phone);
  sqlite3_bind_int (stmt, 7, salon->opening_time);
  sqlite3_bind_int (stmt, 8, salon->closing_time);
  bind_text (stmt, 9, salon->timezone);
  sqlite3_bind_int64 (stmt, 10, salon->version);
  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_replica_put_working_hours (KioskReplica             *self,
                                 const KioskWorkingHours  *hours,
                                 GError                  **error)
{
  BEGIN_PUT ("INSERT INTO working_hours (id, day_of_week, opening_time, closing_time, is_closed, "
             "                           version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0) "
             "ON CONFLICT (id) DO UPDATE SET day_of_week = excluded.day_of_week, "
             "  opening_time = excluded.opening_time, closing_time = excluded.closing_time, "
             "  is_closed = excluded.is_closed, version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (hours != NULL && hours->id != NULL, FALSE);

  bind_text (stmt, 1, hours->id);
  sqlite3_bind_int (stmt, 2, hours->day_of_week);
  sqlite3_bind_int (stmt, 3, hours->opening_time);
  sqlite3_bind_int (stmt, 4, hours->closing_time);
  sqlite3_bind_int (stmt, 5, hours->is_closed ? 1 : 0);
  sqlite3_bind_int64 (stmt, 6, hours->version);
  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_replica_put_category (KioskReplica         *self,
                            const KioskCategory  *category,
                            GError              **error)
{
  BEGIN_PUT ("INSERT INTO category (id, name, description, icon, version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, 0) "
             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, "
             "  icon = excluded.icon, version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (category != NULL && category->id != NULL, FALSE);

  bind_text (stmt, 1, category->id);
  bind_text (stmt, 2, category->name);
  bind_text (stmt, 3, category->description);
  bind_text (stmt, 4, category->icon);
  sqlite3_bind_int64 (stmt, 5, category->version);
  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_replica_put_service (KioskReplica        *self,
                           const KioskService  *service,
                           GError             **error)
{
  BEGIN_PUT ("INSERT INTO service (id, category, name, description, price, duration, is_active, "
             "                     version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0) "
             "ON CONFLICT (id) DO UPDATE SET category = excluded.category, name = excluded.name, "
             "  description = excluded.description, price = excluded.price, "
             "  duration = excluded.duration, is_active = excluded.is_active, "
             "  version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (service != NULL && service->id != NULL, FALSE);

  bind_text (stmt, 1, service->id);
  bind_text (stmt, 2, service->category);
  bind_text (stmt, 3, service->name);
  bind_text (stmt, 4, service->description);
  sqlite3_bind_int64 (stmt, 5, service->price);
  sqlite3_bind_int (stmt, 6, service->duration);
  sqlite3_bind_int (stmt, 7, service->is_active ? 1 : 0);
  sqlite3_bind_int64 (stmt, 8, service->version);
  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_replica_put_employee (KioskReplica         *self,
                            const KioskEmployee  *employee,
                            GError              **error)
{
  g_autoptr(KioskCachedStmt) clear = NULL;
  g_autoptr(KioskCachedStmt) link = NULL;
  BEGIN_PUT ("INSERT INTO employee (id, name, position, is_active, version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, 0) "
             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position, "
             "  is_active = excluded.is_active, version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (employee != NULL && employee->id != NULL, FALSE);

  clear = kiosk_replica_prepare (self, "DELETE FROM employee_service WHERE employee = ?1", error);
  if (clear == NULL)
    return FALSE;
  link = kiosk_replica_prepare (self,
                                "INSERT INTO employee_service (employee, service, position) "
                                "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                                error);
  if (link == NULL)
    return FALSE;

  /* The row and its services change together or not at all. A savepoint,
   * not kiosk_replica_begin(): a refused employee must not doom the
   * caller's whole transaction (a feed page goes on without it). */
  if (!exec_sql (self, "SAVEPOINT put_employee", error))
    return FALSE;

  bind_text (stmt, 1, employee->id);
  bind_text (stmt, 2, employee->name);
  bind_text (stmt, 3, employee->position);
  sqlite3_bind_int (stmt, 4, employee->is_active ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, employee->version);
  if (!kiosk_replica_run (self, stmt, error))
    goto failed;

  bind_text (clear, 1, employee->id);
  if (!kiosk_replica_run (self, clear, error))
    goto failed;

  for (guint i = 0; employee->services != NULL && employee->services[i] != NULL; i++)
    {
      sqlite3_reset (link);
      bind_text (link, 1, employee->id);
      bind_text (link, 2, employee->services[i]);
      sqlite3_bind_int (link, 3, (int)i);
      if (!kiosk_replica_run (self, link, error))
        goto failed;
    }

  if (exec_sql (self, "RELEASE put_employee", error))
    return TRUE;

failed:
  /* Unless SQLite already rolled everything back (disk full). */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK TO put_employee; RELEASE put_employee", NULL, NULL, NULL);
  return FALSE;
}

gboolean
kiosk_replica_put_customer (KioskReplica         *self,
                            const KioskCustomer  *customer,
                            GError              **error)
{
  BEGIN_PUT ("INSERT INTO customer (id, first_name, last_name, phone, loyalty_level, total_points, "
             "                      current_points, total_spent, total_visits, updated_at, consent_at, "
             "                      version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
             "ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name, "
             "  last_name = excluded.last_name, phone = excluded.phone, "
             "  loyalty_level = excluded.loyalty_level, total_points = excluded.total_points, "
             "  current_points = excluded.current_points, total_spent = excluded.total_spent, "
             "  total_visits = excluded.total_visits, updated_at = excluded.updated_at, "
             "  consent_at = excluded.consent_at, version = excluded.version, "
             "  pending = excluded.pending");

  g_return_val_if_fail (customer != NULL && customer->id != NULL, FALSE);

  bind_text (stmt, 1, customer->id);
  bind_text (stmt, 2, customer->first_name);
  bind_text (stmt, 3, customer->last_name);
  bind_text (stmt, 4, customer->phone);
  bind_text (stmt, 5, kiosk_loyalty_level_to_string (customer->loyalty_level));
  sqlite3_bind_int64 (stmt, 6, customer->total_points);
  sqlite3_bind_int64 (stmt, 7, customer->current_points);
  sqlite3_bind_int64 (stmt, 8, customer->total_spent);
  sqlite3_bind_int64 (stmt, 9, customer->total_visits);
  bind_text (stmt, 10, customer->updated_at);
  bind_text (stmt, 11, customer->consent_at);
  sqlite3_bind_int64 (stmt, 12, customer->version);
  sqlite3_bind_int (stmt, 13, customer->pending ? 1 : 0);
  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_replica_put_appointment (KioskReplica            *self,
                               const KioskAppointment  *appt,
                               GError                 **error)
{
  BEGIN_PUT ("INSERT INTO appointment (id, customer, service, employee, appointment_date, "
             "                         appointment_time, end_time, status, notes, price, source, "
             "                         checked_in_at, created_at, updated_at, version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
             "ON CONFLICT (id) DO UPDATE SET customer = excluded.customer, service = excluded.service, "
             "  employee = excluded.employee, appointment_date = excluded.appointment_date, "
             "  appointment_time = excluded.appointment_time, end_time = excluded.end_time, "
             "  status = excluded.status, notes = excluded.notes, price = excluded.price, "
             "  source = excluded.source, checked_in_at = excluded.checked_in_at, "
             "  created_at = excluded.created_at, updated_at = excluded.updated_at, "
             "  version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (appt != NULL && appt->id != NULL, FALSE);

  bind_text (stmt, 1, appt->id);
  bind_text (stmt, 2, appt->customer);
  bind_text (stmt, 3, appt->service);
  bind_text (stmt, 4, appt->employee);
  bind_text (stmt, 5, appt->appointment_date);
  sqlite3_bind_int (stmt, 6, appt->appointment_time);
  sqlite3_bind_int (stmt, 7, appt->end_time);
  bind_text (stmt, 8, kiosk_appointment_status_to_string (appt->status));
  bind_text (stmt, 9, appt->notes);
  sqlite3_bind_int64 (stmt, 10, appt->price);
  bind_text (stmt, 11, appt->source);
  bind_text (stmt, 12, appt->checked_in_at);
  bind_text (stmt, 13, appt->created_at);
  bind_text (stmt, 14, appt->updated_at);
  sqlite3_bind_int64 (stmt, 15, appt->version);
  sqlite3_bind_int (stmt, 16, appt->pending ? 1 : 0);
  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_replica_put_walkin (KioskReplica       *self,
                          const KioskWalkin  *walkin,
                          GError            **error)
{
  BEGIN_PUT ("INSERT INTO walkin (id, customer, name, phone, service, preferred_employee, employee, "
             "                    status, arrived_at, called_at, finished_at, version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
             "ON CONFLICT (id) DO UPDATE SET customer = excluded.customer, name = excluded.name, "
             "  phone = excluded.phone, service = excluded.service, "
             "  preferred_employee = excluded.preferred_employee, employee = excluded.employee, "
             "  status = excluded.status, arrived_at = excluded.arrived_at, "
             "  called_at = excluded.called_at, finished_at = excluded.finished_at, "
             "  version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (walkin != NULL && walkin->id != NULL, FALSE);

  bind_text (stmt, 1, walkin->id);
  bind_text (stmt, 2, walkin->customer);
  bind_text (stmt, 3, walkin->name);
  bind_text (stmt, 4, walkin->phone);
  bind_text (stmt, 5, walkin->service);
  bind_text (stmt, 6, walkin->preferred_employee);
  bind_text (stmt, 7, walkin->employee);
  bind_text (stmt, 8, kiosk_walkin_status_to_string (walkin->status));
  bind_text (stmt, 9, walkin->arrived_at);
  bind_text (stmt, 10, walkin->called_at);
  bind_text (stmt, 11, walkin->finished_at);
  sqlite3_bind_int64 (stmt, 12, walkin->version);
  sqlite3_bind_int (stmt, 13, walkin->pending ? 1 : 0);
  return kiosk_replica_run (self, stmt, error);
}

gboolean
kiosk_replica_put_point_entry (KioskReplica           *self,
                               const KioskPointEntry  *entry,
                               GError                **error)
{
  BEGIN_PUT ("INSERT INTO point_entry (id, customer, points, reason, created_at, version, pending) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
             "ON CONFLICT (id) DO UPDATE SET customer = excluded.customer, points = excluded.points, "
             "  reason = excluded.reason, created_at = excluded.created_at, "
             "  version = excluded.version, pending = excluded.pending");

  g_return_val_if_fail (entry != NULL && entry->id != NULL, FALSE);

  bind_text (stmt, 1, entry->id);
  bind_text (stmt, 2, entry->customer);
  sqlite3_bind_int64 (stmt, 3, entry->points);
  bind_text (stmt, 4, entry->reason);
  bind_text (stmt, 5, entry->created_at);
  sqlite3_bind_int64 (stmt, 6, entry->version);
  sqlite3_bind_int (stmt, 7, entry->pending ? 1 : 0);
  return kiosk_replica_run (self, stmt, error);
}

/* Queries */

/* Runs a query whose rows @read turns into records, into a list that frees
 * them with @free_func. The statement is bound by the caller. */
typedef gpointer (*ReadRow) (sqlite3_stmt *stmt);

static GPtrArray *
collect_rows (KioskReplica     *self,
              KioskCachedStmt  *stmt,
              ReadRow           read,
              GDestroyNotify    free_func,
              GError          **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  gboolean has_row = FALSE;

  for (;;)
    {
      if (!kiosk_replica_next (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (rows, read (stmt));
    }
  return g_steal_pointer (&rows);
}

/* The first row of a query; NULL and *found FALSE when there is none. */
static gpointer
collect_one (KioskReplica     *self,
             KioskCachedStmt  *stmt,
             ReadRow           read,
             gboolean         *found,
             GError          **error)
{
  *found = FALSE;
  if (!kiosk_replica_next (self, stmt, found, error) || !*found)
    return NULL;
  return read (stmt);
}

#define SALON_COLUMNS \
  "id, name, address, city, district, phone, opening_time, closing_time, timezone, version"

static gpointer
read_salon (sqlite3_stmt *stmt)
{
  KioskSalon *salon = g_new0 (KioskSalon, 1);

  salon->id = column_text (stmt, 0);
  salon->name = column_text (stmt, 1);
  salon->address = column_text (stmt, 2);
  salon->city = column_text (stmt, 3);
  salon->district = column_text (stmt, 4);
  salon->phone = column_text (stmt, 5);
  salon->opening_time = sqlite3_column_int (stmt, 6);
  salon->closing_time = sqlite3_column_int (stmt, 7);
  salon->timezone = column_text (stmt, 8);
  salon->version = sqlite3_column_int64 (stmt, 9);
  return salon;
}

KioskSalon *
kiosk_replica_get_salon (KioskReplica  *self,
                         GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self, "SELECT " SALON_COLUMNS " FROM salon ORDER BY rowid LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  /* No salon is the normal state of a kiosk not yet paired: NULL, and an
   * error only when reading failed. */
  return collect_one (self, stmt, read_salon, &found, error);
}

static gpointer
read_working_hours (sqlite3_stmt *stmt)
{
  KioskWorkingHours *hours = g_new0 (KioskWorkingHours, 1);

  hours->id = column_text (stmt, 0);
  hours->day_of_week = sqlite3_column_int (stmt, 1);
  hours->opening_time = sqlite3_column_int (stmt, 2);
  hours->closing_time = sqlite3_column_int (stmt, 3);
  hours->is_closed = sqlite3_column_int (stmt, 4) != 0;
  hours->version = sqlite3_column_int64 (stmt, 5);
  return hours;
}

GPtrArray *
kiosk_replica_list_working_hours (KioskReplica  *self,
                                  GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self,
                                "SELECT id, day_of_week, opening_time, closing_time, is_closed, version "
                                "FROM working_hours ORDER BY day_of_week, id",
                                error);
  if (stmt == NULL)
    return NULL;
  return collect_rows (self, stmt, read_working_hours, (GDestroyNotify)kiosk_working_hours_free, error);
}

static gpointer
read_category (sqlite3_stmt *stmt)
{
  KioskCategory *category = g_new0 (KioskCategory, 1);

  category->id = column_text (stmt, 0);
  category->name = column_text (stmt, 1);
  category->description = column_text (stmt, 2);
  category->icon = column_text (stmt, 3);
  category->version = sqlite3_column_int64 (stmt, 4);
  return category;
}

GPtrArray *
kiosk_replica_list_categories (KioskReplica  *self,
                               GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self,
                                "SELECT id, name, description, icon, version FROM category "
                                "ORDER BY name COLLATE KIOSK_NAME, id",
                                error);
  if (stmt == NULL)
    return NULL;
  return collect_rows (self, stmt, read_category, (GDestroyNotify)kiosk_category_free, error);
}

static gpointer
read_service (sqlite3_stmt *stmt)
{
  KioskService *service = g_new0 (KioskService, 1);

  service->id = column_text (stmt, 0);
  service->category = column_text (stmt, 1);
  service->name = column_text (stmt, 2);
  service->description = column_text (stmt, 3);
  service->price = sqlite3_column_int64 (stmt, 4);
  service->duration = sqlite3_column_int (stmt, 5);
  service->is_active = sqlite3_column_int (stmt, 6) != 0;
  service->version = sqlite3_column_int64 (stmt, 7);
  return service;
}

GPtrArray *
kiosk_replica_list_services (KioskReplica  *self,
                             GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  /* By the category's name (services without one last), then by name. */
  stmt = kiosk_replica_prepare (self,
                                "SELECT s.id, s.category, s.name, s.description, s.price, s.duration, "
                                "       s.is_active, s.version "
                                "FROM service s LEFT JOIN category c ON c.id = s.category "
                                "ORDER BY c.name IS NULL, c.name COLLATE KIOSK_NAME, s.category, "
                                "         s.name COLLATE KIOSK_NAME, s.id",
                                error);
  if (stmt == NULL)
    return NULL;
  return collect_rows (self, stmt, read_service, (GDestroyNotify)kiosk_service_free, error);
}

static gpointer
read_employee (sqlite3_stmt *stmt)
{
  KioskEmployee *employee = g_new0 (KioskEmployee, 1);

  employee->id = column_text (stmt, 0);
  employee->name = column_text (stmt, 1);
  employee->position = column_text (stmt, 2);
  employee->is_active = sqlite3_column_int (stmt, 3) != 0;
  employee->version = sqlite3_column_int64 (stmt, 4);
  return employee;
}

GPtrArray *
kiosk_replica_list_employees (KioskReplica  *self,
                              GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  g_autoptr(KioskCachedStmt) links = NULL;
  g_autoptr(GPtrArray) employees = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self,
                                "SELECT id, name, position, is_active, version FROM employee "
                                "ORDER BY name COLLATE KIOSK_NAME, id",
                                error);
  if (stmt == NULL)
    return NULL;
  links = kiosk_replica_prepare (self,
                                 "SELECT service FROM employee_service WHERE employee = ?1 "
                                 "ORDER BY position",
                                 error);
  if (links == NULL)
    return NULL;

  employees = collect_rows (self, stmt, read_employee, (GDestroyNotify)kiosk_employee_free, error);
  if (employees == NULL)
    return NULL;

  for (guint i = 0; i < employees->len; i++)
    {
      KioskEmployee *employee = g_ptr_array_index (employees, i);
      g_autoptr(GStrvBuilder) services = g_strv_builder_new ();
      gboolean has_row = FALSE;

      sqlite3_reset (links);
      bind_text (links, 1, employee->id);
      for (;;)
        {
          if (!kiosk_replica_next (self, links, &has_row, error))
            return NULL;
          if (!has_row)
            break;
          g_strv_builder_add (services, (const char *)sqlite3_column_text (links, 0));
        }
      employee->services = g_strv_builder_end (services);
    }

  return g_steal_pointer (&employees);
}

#define CUSTOMER_COLUMNS \
  "id, first_name, last_name, phone, loyalty_level, total_points, current_points, total_spent, " \
  "total_visits, updated_at, consent_at, version, pending"

static gpointer
read_customer (sqlite3_stmt *stmt)
{
  KioskCustomer *customer = g_new0 (KioskCustomer, 1);

  customer->id = column_text (stmt, 0);
  customer->first_name = column_text (stmt, 1);
  customer->last_name = column_text (stmt, 2);
  customer->phone = column_text (stmt, 3);
  /* The schema's CHECK keeps the word known; bronze if it ever is not. */
  customer->loyalty_level = KIOSK_LEVEL_BRONZE;
  kiosk_loyalty_level_from_string ((const char *)sqlite3_column_text (stmt, 4), &customer->loyalty_level);
  customer->total_points = sqlite3_column_int64 (stmt, 5);
  customer->current_points = sqlite3_column_int64 (stmt, 6);
  customer->total_spent = sqlite3_column_int64 (stmt, 7);
  customer->total_visits = sqlite3_column_int64 (stmt, 8);
  customer->updated_at = column_text (stmt, 9);
  customer->consent_at = column_text (stmt, 10);
  customer->version = sqlite3_column_int64 (stmt, 11);
  customer->pending = sqlite3_column_int (stmt, 12) != 0;
  return customer;
}

KioskCustomer *
kiosk_replica_get_customer (KioskReplica  *self,
                            const char    *id,
                            GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  KioskCustomer *customer;
  gboolean found = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = kiosk_replica_prepare (self, "SELECT " CUSTOMER_COLUMNS " FROM customer WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, id);
  customer = collect_one (self, stmt, read_customer, &found, error);
  if (customer == NULL && !found && (error == NULL || *error == NULL))
    g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                 _("No customer %s in the local database"), id);
  return customer;
}

KioskCustomer *
kiosk_replica_find_customer_by_phone (KioskReplica  *self,
                                      const char    *phone,
                                      GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  KioskCustomer *customer;
  gboolean found = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (phone != NULL, NULL);

  /* Two rows with one phone can exist for a while (a desk registration
   * the server will answer with phone_exists): the server's one first. */
  stmt = kiosk_replica_prepare (self,
                                "SELECT " CUSTOMER_COLUMNS " FROM customer WHERE phone = ?1 "
                                "ORDER BY pending, version DESC, id LIMIT 1",
                                error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, phone);
  customer = collect_one (self, stmt, read_customer, &found, error);
  if (customer == NULL && !found && (error == NULL || *error == NULL))
    g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                 _("No customer with the phone %s in the local database"), phone);
  return customer;
}

GPtrArray *
kiosk_replica_list_customers (KioskReplica  *self,
                              GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self, "SELECT " CUSTOMER_COLUMNS " FROM customer ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  return collect_rows (self, stmt, read_customer, (GDestroyNotify)kiosk_customer_free, error);
}

#define APPOINTMENT_COLUMNS \
  "a.id, a.customer, a.service, a.employee, a.appointment_date, a.appointment_time, a.end_time, " \
  "a.status, a.notes, a.price, a.source, a.checked_in_at, a.created_at, a.updated_at, a.version, " \
  "a.pending"
#define N_APPOINTMENT_COLUMNS 16

static void
read_appointment_into (sqlite3_stmt     *stmt,
                       KioskAppointment *appt)
{
  appt->id = column_text (stmt, 0);
  appt->customer = column_text (stmt, 1);
  appt->service = column_text (stmt, 2);
  appt->employee = column_text (stmt, 3);
  appt->appointment_date = column_text (stmt, 4);
  appt->appointment_time = sqlite3_column_int (stmt, 5);
  appt->end_time = sqlite3_column_int (stmt, 6);
  appt->status = KIOSK_APPOINTMENT_PENDING;
  kiosk_appointment_status_from_string ((const char *)sqlite3_column_text (stmt, 7), &appt->status);
  appt->notes = column_text (stmt, 8);
  appt->price = sqlite3_column_int64 (stmt, 9);
  appt->source = column_text (stmt, 10);
  appt->checked_in_at = column_text (stmt, 11);
  appt->created_at = column_text (stmt, 12);
  appt->updated_at = column_text (stmt, 13);
  appt->version = sqlite3_column_int64 (stmt, 14);
  appt->pending = sqlite3_column_int (stmt, 15) != 0;
}

static gpointer
read_appointment (sqlite3_stmt *stmt)
{
  KioskAppointment *appt = g_new0 (KioskAppointment, 1);

  read_appointment_into (stmt, appt);
  return appt;
}

KioskAppointment *
kiosk_replica_get_appointment (KioskReplica  *self,
                               const char    *id,
                               GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  KioskAppointment *appt;
  gboolean found = FALSE;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = kiosk_replica_prepare (self, "SELECT " APPOINTMENT_COLUMNS " FROM appointment a WHERE a.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, id);
  appt = collect_one (self, stmt, read_appointment, &found, error);
  if (appt == NULL && !found && (error == NULL || *error == NULL))
    g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                 _("No appointment %s in the local database"), id);
  return appt;
}

static gpointer
read_appointment_row (sqlite3_stmt *stmt)
{
  KioskAppointmentRow *row = g_new0 (KioskAppointmentRow, 1);
  const char *first = (const char *)sqlite3_column_text (stmt, N_APPOINTMENT_COLUMNS);
  const char *last = (const char *)sqlite3_column_text (stmt, N_APPOINTMENT_COLUMNS + 1);

  read_appointment_into (stmt, &row->appointment);
  if (first != NULL && last != NULL && *last != '\0')
    row->customer_name = g_strconcat (first, " ", last, NULL);
  else
    row->customer_name = g_strdup (first);
  row->service_name = column_text (stmt, N_APPOINTMENT_COLUMNS + 2);
  row->employee_name = column_text (stmt, N_APPOINTMENT_COLUMNS + 3);
  return row;
}

/* Customer, service and employee may not have arrived yet (no foreign
 * keys, see the schema): LEFT JOINs, and NULL names. */
static const char appointment_rows_sql[] =
  "SELECT " APPOINTMENT_COLUMNS ", c.first_name, c.last_name, s.name, e.name "
  "FROM appointment a "
  "LEFT JOIN customer c ON c.id = a.customer "
  "LEFT JOIN service s ON s.id = a.service "
  "LEFT JOIN employee e ON e.id = a.employee "
  "WHERE a.appointment_date = ?1 "
  "ORDER BY a.appointment_time, e.name IS NULL, e.name COLLATE KIOSK_NAME, a.id";

GPtrArray *
kiosk_replica_list_appointment_rows (KioskReplica  *self,
                                     const char    *date,
                                     GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (date != NULL, NULL);

  stmt = kiosk_replica_prepare (self, appointment_rows_sql, error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, date);
  return collect_rows (self, stmt, read_appointment_row, (GDestroyNotify)kiosk_appointment_row_free, error);
}

char *
kiosk_replica_explain_appointment_rows (KioskReplica *self)
{
  g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", appointment_rows_sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, "2026-01-01", -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (plan, "%s\n", (const char *)sqlite3_column_text (stmt, 3));
    }
  sqlite3_finalize (stmt);
  return g_string_free (plan, FALSE);
}

GPtrArray *
kiosk_replica_list_appointments (KioskReplica  *self,
                                 const char    *from_date,
                                 const char    *to_date,
                                 GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (from_date != NULL && to_date != NULL, NULL);

  stmt = kiosk_replica_prepare (self,
                                "SELECT " APPOINTMENT_COLUMNS " FROM appointment a "
                                "WHERE a.appointment_date BETWEEN ?1 AND ?2 "
                                "ORDER BY a.appointment_date, a.appointment_time, a.id",
                                error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, from_date);
  bind_text (stmt, 2, to_date);
  return collect_rows (self, stmt, read_appointment, (GDestroyNotify)kiosk_appointment_free, error);
}

static gpointer
read_walkin (sqlite3_stmt *stmt)
{
  KioskWalkin *walkin = g_new0 (KioskWalkin, 1);

  walkin->id = column_text (stmt, 0);
  walkin->customer = column_text (stmt, 1);
  walkin->name = column_text (stmt, 2);
  walkin->phone = column_text (stmt, 3);
  walkin->service = column_text (stmt, 4);
  walkin->preferred_employee = column_text (stmt, 5);
  walkin->employee = column_text (stmt, 6);
  walkin->status = KIOSK_WALKIN_WAITING;
  kiosk_walkin_status_from_string ((const char *)sqlite3_column_text (stmt, 7), &walkin->status);
  walkin->arrived_at = column_text (stmt, 8);
  walkin->called_at = column_text (stmt, 9);
  walkin->finished_at = column_text (stmt, 10);
  walkin->version = sqlite3_column_int64 (stmt, 11);
  walkin->pending = sqlite3_column_int (stmt, 12) != 0;
  return walkin;
}

GPtrArray *
kiosk_replica_list_walkins (KioskReplica  *self,
                            GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  /* In order of arrival: the queue. */
  stmt = kiosk_replica_prepare (self,
                                "SELECT id, customer, name, phone, service, preferred_employee, employee, "
                                "       status, arrived_at, called_at, finished_at, version, pending "
                                "FROM walkin ORDER BY arrived_at IS NULL, arrived_at, rowid",
                                error);
  if (stmt == NULL)
    return NULL;
  return collect_rows (self, stmt, read_walkin, (GDestroyNotify)kiosk_walkin_free, error);
}

static gpointer
read_point_entry (sqlite3_stmt *stmt)
{
  KioskPointEntry *entry = g_new0 (KioskPointEntry, 1);

  entry->id = column_text (stmt, 0);
  entry->customer = column_text (stmt, 1);
  entry->points = sqlite3_column_int64 (stmt, 2);
  entry->reason = column_text (stmt, 3);
  entry->created_at = column_text (stmt, 4);
  entry->version = sqlite3_column_int64 (stmt, 5);
  entry->pending = sqlite3_column_int (stmt, 6) != 0;
  return entry;
}

GPtrArray *
kiosk_replica_list_point_entries (KioskReplica  *self,
                                  const char    *customer,
                                  GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (customer != NULL, NULL);

  stmt = kiosk_replica_prepare (self,
                                "SELECT id, customer, points, reason, created_at, version, pending "
                                "FROM point_entry WHERE customer = ?1 ORDER BY created_at, rowid",
                                error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, customer);
  return collect_rows (self, stmt, read_point_entry, (GDestroyNotify)kiosk_point_entry_free, error);
}

/* Only these names ever reach SQL: the text comes from this table, never
 * from the caller. */
static const struct {
  const char *table;
  const char *sql;
} count_queries[] = {
  { "salon",            "SELECT count(*) FROM salon" },
  { "working_hours",    "SELECT count(*) FROM working_hours" },
  { "category",         "SELECT count(*) FROM category" },
  { "service",          "SELECT count(*) FROM service" },
  { "employee",         "SELECT count(*) FROM employee" },
  { "employee_service", "SELECT count(*) FROM employee_service" },
  { "customer",         "SELECT count(*) FROM customer" },
  { "appointment",      "SELECT count(*) FROM appointment" },
  { "walkin",           "SELECT count(*) FROM walkin" },
  { "point_entry",      "SELECT count(*) FROM point_entry" },
  { "outbox",           "SELECT count(*) FROM outbox" },
  { "meta",             "SELECT count(*) FROM meta" },
  { "quarantine",       "SELECT count(*) FROM quarantine" },
};

gint64
kiosk_replica_count (KioskReplica  *self,
                     const char    *table,
                     GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean has_row = FALSE;
  const char *sql = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), -1);
  g_return_val_if_fail (table != NULL, -1);

  for (guint i = 0; i < G_N_ELEMENTS (count_queries); i++)
    if (g_str_equal (count_queries[i].table, table))
      sql = count_queries[i].sql;
  if (sql == NULL)
    {
      g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                   _("No table %s in the local database"), table);
      return -1;
    }

  stmt = kiosk_replica_prepare (self, sql, error);
  if (stmt == NULL || !kiosk_replica_next (self, stmt, &has_row, error))
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* Rows by entity name, for the sync engine. As in kiosk_replica_count(),
 * the SQL comes from this table only. */
static const struct {
  const char *entity;
  const char *state_sql;
  const char *delete_sql;
} entity_queries[] = {
#define ENTITY(name) \
  { #name, "SELECT version, pending FROM " #name " WHERE id = ?1", "DELETE FROM " #name " WHERE id = ?1" }
  ENTITY (salon),
  ENTITY (working_hours),
  ENTITY (category),
  ENTITY (service),
  ENTITY (employee),
  ENTITY (customer),
  ENTITY (appointment),
  ENTITY (walkin),
  ENTITY (point_entry),
#undef ENTITY
};

static int
find_entity (const char  *entity,
             GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (entity_queries); i++)
    if (g_str_equal (entity_queries[i].entity, entity))
      return (int)i;
  g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
               _("No kind of record called %s in the local database"), entity);
  return -1;
}

gboolean
kiosk_replica_get_row_state (KioskReplica  *self,
                             const char    *entity,
                             const char    *id,
                             gint64        *out_version,
                             gboolean      *out_pending,
                             GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean has_row = FALSE;
  int index;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (entity != NULL && id != NULL, FALSE);

  index = find_entity (entity, error);
  if (index < 0)
    return FALSE;
  stmt = kiosk_replica_prepare (self, entity_queries[index].state_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  if (!kiosk_replica_next (self, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                   _("No %s %s in the local database"), entity, id);
      return FALSE;
    }
  if (out_version != NULL)
    *out_version = sqlite3_column_int64 (stmt, 0);
  if (out_pending != NULL)
    *out_pending = sqlite3_column_int (stmt, 1) != 0;
  return TRUE;
}

gboolean
kiosk_replica_delete (KioskReplica  *self,
                      const char    *entity,
                      const char    *id,
                      GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  int index;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (entity != NULL && id != NULL, FALSE);

  if (!kiosk_replica_check_usable (self, error))
    return FALSE;
  index = find_entity (entity, error);
  if (index < 0)
    return FALSE;
  stmt = kiosk_replica_prepare (self, entity_queries[index].delete_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  return kiosk_replica_run (self, stmt, error);
}

/* Quarantine */

gboolean
kiosk_replica_quarantine_add (KioskReplica  *self,
                              const char    *entity,
                              const char    *id,
                              const char    *reason,
                              const char    *raw_json,
                              GError       **error)
{
  BEGIN_PUT ("INSERT INTO quarantine (entity, id, reason, raw_json, received_at) "
             "VALUES (?1, ?2, ?3, ?4, ?5)");

  g_return_val_if_fail (entity != NULL && reason != NULL && raw_json != NULL, FALSE);

  bind_text (stmt, 1, entity);
  bind_text (stmt, 2, id);
  bind_text (stmt, 3, reason);
  bind_text (stmt, 4, raw_json);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  return kiosk_replica_run (self, stmt, error);
}

/* The outbox */

static const char * const outbox_state_names[] = {
  "pending", "in_flight", "done", "refused", "held",
};

const char *
kiosk_outbox_state_to_string (KioskOutboxState state)
{
  g_return_val_if_fail ((guint)state < G_N_ELEMENTS (outbox_state_names), NULL);

  return outbox_state_names[state];
}

gboolean
kiosk_outbox_state_from_string (const char       *str,
                                KioskOutboxState *out)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (outbox_state_names); i++)
    if (g_str_equal (outbox_state_names[i], str))
      {
        *out = (KioskOutboxState)i;
        return TRUE;
      }
  return FALSE;
}

void
kiosk_outbox_entry_free (KioskOutboxEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->idempotency_key);
  g_free (self->kind);
  g_free (self->entity_id);
  g_free (self->payload);
  g_free (self->last_reason);
  g_free (self);
}

gboolean
kiosk_replica_outbox_add (KioskReplica      *self,
                          const char        *kind,
                          const char        *entity_id,
                          const char        *payload,
                          KioskOutboxEntry **out_entry,
                          GError           **error)
{
  g_autofree char *key = g_uuid_string_random ();
  gint64 created_at = g_get_real_time ();
  BEGIN_PUT ("INSERT INTO outbox (idempotency_key, kind, entity_id, payload, state, attempts, "
             "                    next_attempt_at, last_status, last_reason, created_at) "
             "VALUES (?1, ?2, ?3, ?4, 'pending', 0, 0, 0, NULL, ?5)");

  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (payload != NULL, FALSE);

  bind_text (stmt, 1, key);
  bind_text (stmt, 2, kind);
  bind_text (stmt, 3, entity_id);
  bind_text (stmt, 4, payload);
  sqlite3_bind_int64 (stmt, 5, created_at);
  if (!kiosk_replica_run (self, stmt, error))
    return FALSE;

  if (out_entry != NULL)
    {
      KioskOutboxEntry *entry = g_new0 (KioskOutboxEntry, 1);

      entry->id = sqlite3_last_insert_rowid (self->db);
      entry->idempotency_key = g_steal_pointer (&key);
      entry->kind = g_strdup (kind);
      entry->entity_id = g_strdup (entity_id);
      entry->payload = g_strdup (payload);
      entry->state = KIOSK_OUTBOX_PENDING;
      entry->created_at = created_at;
      *out_entry = entry;
    }
  return TRUE;
}

static gpointer
read_outbox_entry (sqlite3_stmt *stmt)
{
  KioskOutboxEntry *entry = g_new0 (KioskOutboxEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->idempotency_key = column_text (stmt, 1);
  entry->kind = column_text (stmt, 2);
  entry->entity_id = column_text (stmt, 3);
  entry->payload = column_text (stmt, 4);
  entry->state = KIOSK_OUTBOX_PENDING;
  kiosk_outbox_state_from_string ((const char *)sqlite3_column_text (stmt, 5), &entry->state);
  entry->attempts = sqlite3_column_int (stmt, 6);
  entry->next_attempt_at = sqlite3_column_int64 (stmt, 7);
  entry->last_status = sqlite3_column_int (stmt, 8);
  entry->last_reason = column_text (stmt, 9);
  entry->created_at = sqlite3_column_int64 (stmt, 10);
  return entry;
}

GPtrArray *
kiosk_replica_outbox_list (KioskReplica  *self,
                           GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);

  stmt = kiosk_replica_prepare (self,
                                "SELECT id, idempotency_key, kind, entity_id, payload, state, attempts, "
                                "       next_attempt_at, last_status, last_reason, created_at "
                                "FROM outbox ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;
  return collect_rows (self, stmt, read_outbox_entry, (GDestroyNotify)kiosk_outbox_entry_free, error);
}

gboolean
kiosk_replica_outbox_update (KioskReplica            *self,
                             const KioskOutboxEntry  *entry,
                             GError                 **error)
{
  BEGIN_PUT ("UPDATE outbox SET state = ?2, attempts = ?3, next_attempt_at = ?4, last_status = ?5, "
             "  last_reason = ?6 WHERE id = ?1");

  g_return_val_if_fail (entry != NULL, FALSE);

  sqlite3_bind_int64 (stmt, 1, entry->id);
  bind_text (stmt, 2, kiosk_outbox_state_to_string (entry->state));
  sqlite3_bind_int (stmt, 3, entry->attempts);
  sqlite3_bind_int64 (stmt, 4, entry->next_attempt_at);
  sqlite3_bind_int (stmt, 5, entry->last_status);
  bind_text (stmt, 6, entry->last_reason);
  if (!kiosk_replica_run (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->id);

      g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                   _("No outbox entry %s in the local database"), id);
      return FALSE;
    }
  return TRUE;
}

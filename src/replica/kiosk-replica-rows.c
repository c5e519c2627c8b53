/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Stepping statements and reading their rows: the helpers every
 * kiosk-replica-*.c file shares (kiosk-replica-private.h). A failure goes
 * through kiosk_replica_fail(), which notices a transaction SQLite ended.
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include "kiosk-replica-private.h"

/* Steps a statement that returns no rows. */
gboolean
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
gboolean
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

void
kiosk_replica_bind_text (sqlite3_stmt *stmt,
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

char *
kiosk_replica_column_text (sqlite3_stmt *stmt,
                           int           index)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, index));
}

gboolean
kiosk_replica_exec (KioskReplica  *self,
                    const char    *sql,
                    GError       **error)
{
  int rc = sqlite3_exec (kiosk_replica_get_db (self), sql, NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    return TRUE;
  kiosk_replica_fail (self, rc, error);
  return FALSE;
}

/* Every row of a query, each made a record by @read. */
GPtrArray *
kiosk_replica_collect_rows (KioskReplica     *self,
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
gpointer
kiosk_replica_collect_one (KioskReplica     *self,
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

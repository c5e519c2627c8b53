/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Meta, the replica's key/value facts (cursor, device id, salon id, …),
 * and forgetting the salon, which keeps only this terminal's own facts.
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include "kiosk-replica-private.h"

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
  kiosk_replica_bind_text (stmt, 1, key);
  if (!kiosk_replica_next (self, stmt, &has_row, NULL) || !has_row)
    return NULL;
  return kiosk_replica_column_text (stmt, 0);
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
  kiosk_replica_bind_text (stmt, 1, key);
  if (value != NULL)
    kiosk_replica_bind_text (stmt, 2, value);
  return kiosk_replica_run (self, stmt, error);
}

/* Forgetting the salon */

gboolean
kiosk_replica_clear_all (KioskReplica  *self,
                         GError       **error)
{
  /* Children before parents (employee_service names employees, outbox_ref
   * the outbox) so that no foreign key objects whatever the pragma. */
  static const char sql[] =
    "DELETE FROM outbox_ref;"
    "DELETE FROM outbox;"
    "DELETE FROM quarantine;"
    "DELETE FROM snapshot_seen;"
    "DELETE FROM server_copy;"
    "DELETE FROM point_entry;"
    "DELETE FROM walkin;"
    "DELETE FROM appointment;"
    "DELETE FROM customer;"
    "DELETE FROM employee_service;"
    "DELETE FROM employee;"
    "DELETE FROM service;"
    "DELETE FROM category;"
    "DELETE FROM working_hours;"
    "DELETE FROM salon;"
    "DELETE FROM meta WHERE substr (key, 1, length ('" KIOSK_REPLICA_LOCAL_META_PREFIX "')) "
    "                    != '" KIOSK_REPLICA_LOCAL_META_PREFIX "';";

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  if (!kiosk_replica_begin (self, error))
    return FALSE;
  if (!kiosk_replica_exec (self, sql, error))
    {
      kiosk_replica_rollback (self);
      return FALSE;
    }
  return kiosk_replica_commit (self, error);
}

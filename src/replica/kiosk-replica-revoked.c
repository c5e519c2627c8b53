/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The server's refusal of this kiosk's token, kept in meta
 * (kiosk-replica-sync.h).
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include "kiosk-replica-sync.h"

/* The enrollment's device id, as pairing writes it (kiosk-sync-engine.h's
 * KIOSK_META_DEVICE, which this layer cannot include). */
#define META_DEVICE "device"

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

gboolean
kiosk_replica_set_revoked (KioskReplica  *self,
                           const char    *device,
                           const char    *reason,
                           GError       **error)
{
  g_autofree char *recorded_device = NULL;
  g_autofree char *recorded_at = NULL;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (is_set (device), FALSE);

  recorded_device = kiosk_replica_get_meta (self, KIOSK_META_REVOKED_DEVICE);
  recorded_at = kiosk_replica_get_meta (self, KIOSK_META_REVOKED_AT);
  /* Each start of a refused kiosk meets the 401 again: when it was first
   * refused is what people need. */
  if (g_strcmp0 (recorded_device, device) == 0 && is_set (recorded_at))
    return TRUE;

  {
    /* Whole seconds, as last_pull: "2026-03-18T09:12:44Z". */
    g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC);

    stamp = g_date_time_format_iso8601 (now);
  }
  if (!kiosk_replica_begin (self, error))
    return FALSE;
  if (!kiosk_replica_set_meta (self, KIOSK_META_REVOKED_DEVICE, device, error) ||
      !kiosk_replica_set_meta (self, KIOSK_META_REVOKED_AT, stamp, error) ||
      !kiosk_replica_set_meta (self, KIOSK_META_REVOKED_REASON, is_set (reason) ? reason : NULL, error) ||
      !kiosk_replica_commit (self, error))
    {
      kiosk_replica_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
kiosk_replica_get_revoked (KioskReplica  *self,
                           const char    *device,
                           char         **revoked_at,
                           char         **reason)
{
  g_autofree char *current = NULL;
  g_autofree char *recorded_device = NULL;
  g_autofree char *recorded_at = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  if (revoked_at != NULL)
    *revoked_at = NULL;
  if (reason != NULL)
    *reason = NULL;
  if (device == NULL)
    device = current = kiosk_replica_get_meta (self, META_DEVICE);
  if (!is_set (device))
    return FALSE;
  recorded_device = kiosk_replica_get_meta (self, KIOSK_META_REVOKED_DEVICE);
  recorded_at = kiosk_replica_get_meta (self, KIOSK_META_REVOKED_AT);
  if (g_strcmp0 (recorded_device, device) != 0 || !is_set (recorded_at))
    return FALSE;

  if (revoked_at != NULL)
    *revoked_at = g_steal_pointer (&recorded_at);
  if (reason != NULL)
    *reason = kiosk_replica_get_meta (self, KIOSK_META_REVOKED_REASON);
  return TRUE;
}

gboolean
kiosk_replica_clear_revoked (KioskReplica  *self,
                             GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);

  if (!kiosk_replica_begin (self, error))
    return FALSE;
  if (!kiosk_replica_set_meta (self, KIOSK_META_REVOKED_DEVICE, NULL, error) ||
      !kiosk_replica_set_meta (self, KIOSK_META_REVOKED_AT, NULL, error) ||
      !kiosk_replica_set_meta (self, KIOSK_META_REVOKED_REASON, NULL, error) ||
      !kiosk_replica_commit (self, error))
    {
      kiosk_replica_rollback (self);
      return FALSE;
    }
  return TRUE;
}

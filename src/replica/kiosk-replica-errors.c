/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The replica's errors: a failed SQLite call as a KioskReplicaError whose
 * message says what happened and what to do.
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-replica-private.h"

G_DEFINE_QUARK (kiosk-replica-error-quark, kiosk_replica_error)

gboolean
kiosk_replica_is_corruption (int rc)
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
void
kiosk_replica_set_sqlite_error (GError     **error,
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

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The replica's file on disk: made private (0600) from its first byte,
 * tightened when an older build left it readable, and moved aside, never
 * deleted, when it is damaged (with its -wal and -shm).
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kiosk-replica-private.h"

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
char *
kiosk_replica_file_move_aside (const char  *path,
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
gboolean
kiosk_replica_file_create (const char  *path,
                           GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  int fd;

  /* A journal left without its database would be replayed into the new
   * one: keep it, out of the way. */
  if (g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (shm, G_FILE_TEST_EXISTS))
    {
      g_autofree char *kept = kiosk_replica_file_move_aside (path, "orphan", error);

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
void
kiosk_replica_file_tighten_mode (const char *path)
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

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the desk's files share (kiosk-desk-private.h): the salon's "now" as
 * the API writes it, ending a write, today's data for the estimators, and
 * names as customers type them.
 */
#define G_LOG_DOMAIN "kiosk-desk"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kiosk-time.h"
#include "kiosk-desk-private.h"

#define MAX_NAME_CHARS 100

int
_kiosk_desk_seconds_of_day (GDateTime *now)
{
  return kiosk_time_of_day (now);
}

char *
_kiosk_desk_instant (GDateTime *now)
{
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

void
_kiosk_desk_changed (KioskContext *context)
{
  KioskSyncEngine *engine = kiosk_context_get_sync_engine (context);

  if (engine != NULL)
    kiosk_sync_engine_nudge (engine);
  kiosk_context_notify_replica_changed (context);
}

void
_kiosk_desk_fail (GError       **error,
                       const GError  *local,
                       const char    *id,
                       const char    *format,
                       ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Ids only: never a name or a phone in a log. */
  g_warning ("Desk write for %s failed: %s", id != NULL ? id : "(none)",
             local != NULL ? local->message : "?");
  g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED, message);
  g_free (message);
}

gboolean
_kiosk_desk_end_write (KioskReplica  *replica,
                            gboolean       ok,
                            GError       **error)
{
  if (!ok)
    {
      kiosk_replica_rollback (replica);
      return FALSE;
    }
  /* A failed commit has already ended the transaction. */
  return kiosk_replica_commit (replica, error);
}

/* Walk-ins left open on an earlier day are not today's queue. */
gboolean
_kiosk_desk_arrived_today (const KioskWalkin *walkin,
                           const char        *today,
                           GTimeZone         *tz)
{
  int seconds = 0;

  if (walkin->arrived_at == NULL)
    return TRUE;
  if (!kiosk_wait_instant_to_seconds (walkin->arrived_at, today, tz, &seconds))
    return TRUE;
  return seconds >= 0 && seconds < 86400;
}

KioskDeskDay *
_kiosk_desk_load_today (KioskContext  *context,
                             GDateTime    **now_out,
                             char         **today_out,
                             GError       **error)
{
  g_autoptr(GDateTime) now = kiosk_context_dup_now (context);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(KioskDeskDay) day = NULL;
  g_autoptr(GError) local = NULL;
  GTimeZone *tz = g_date_time_get_timezone (now);

  day = kiosk_replica_desk_load_days (kiosk_context_get_replica (context), today, today, &local);
  if (day == NULL)
    {
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                   _("Today's data cannot be read on this kiosk (%s)."), local->message);
      return NULL;
    }
  for (guint i = day->walkins->len; i > 0; i--)
    if (!_kiosk_desk_arrived_today (g_ptr_array_index (day->walkins, i - 1), today, tz))
      g_ptr_array_remove_index (day->walkins, i - 1);

  if (now_out != NULL)
    *now_out = g_steal_pointer (&now);
  if (today_out != NULL)
    *today_out = g_steal_pointer (&today);
  return g_steal_pointer (&day);
}

void
_kiosk_desk_wait_input (KioskWaitInput     *input,
                             const KioskDeskDay *day,
                             const char         *today,
                             GDateTime          *now)
{
  memset (input, 0, sizeof *input);
  input->date = today;
  input->time_zone = g_date_time_get_timezone (now);
  input->now = _kiosk_desk_seconds_of_day (now);
  input->hours = kiosk_desk_day_hours (day, g_date_time_get_day_of_week (now) - 1);
  input->employees = day->employees;
  input->services = day->services;
  input->appointments = day->appointments;
  input->walkins = day->walkins;
}

void
_kiosk_desk_slot_data (KioskSlotData      *data,
                            const KioskDeskDay *day,
                            GDateTime          *now)
{
  memset (data, 0, sizeof *data);
  data->salon = day->salon;
  data->working_hours = day->working_hours;
  data->services = day->services;
  data->employees = day->employees;
  data->appointments = day->appointments;
  data->time_zone = g_date_time_get_timezone (now);
}

/* Whole sentences per field, so that translations read naturally. */
char *
_kiosk_desk_clean_name (const char  *input,
                        const char  *empty_message,
                        const char  *long_message,
                        GError     **error)
{
  g_autofree char *name = NULL;

  if (input != NULL && g_utf8_validate (input, -1, NULL))
    name = g_utf8_normalize (input, -1, G_NORMALIZE_NFC);
  if (name != NULL)
    {
      /* A control character (a tab, a line break, a scanner's separator)
       * is no part of a name, and an upload body cannot carry some of them
       * (§1: JSON): it becomes a space. */
      GString *clean = g_string_sized_new (strlen (name));

      for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_iscntrl (c))
            {
              if (clean->len > 0 && clean->str[clean->len - 1] != ' ')
                g_string_append_c (clean, ' ');
            }
          else
            g_string_append_unichar (clean, c);
        }
      g_free (name);
      name = g_string_free (clean, FALSE);
      g_strstrip (name);
    }
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID, empty_message);
      return NULL;
    }
  if (g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID, long_message);
      return NULL;
    }
  return g_steal_pointer (&name);
}

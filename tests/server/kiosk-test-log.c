/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-test-log"

#include <string.h>

#include "kiosk-test-log.h"

gboolean
kiosk_test_log_is_accept_race (const char *log_domain,
                       const char *message)
{
  return g_strcmp0 (log_domain, "libsoup") == 0 && message != NULL &&
         strstr (message, "could not get remote address") != NULL;
}

static gboolean
fatal_log_handler (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message,
                   gpointer        user_data)
{
  return !kiosk_test_log_is_accept_race (log_domain, message);
}

/* libsoup's g_warning() goes through the domain handler first. */
static void
soup_log_handler (const char     *log_domain,
                  GLogLevelFlags  log_level,
                  const char     *message,
                  gpointer        user_data)
{
  if (!kiosk_test_log_is_accept_race (log_domain, message))
    g_log_default_handler (log_domain, log_level, message, user_data);
}

/* For a libsoup built to log structured. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0 && fields[i].length < 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
        message = fields[i].value;
    }
  if ((log_level & G_LOG_LEVEL_WARNING) && kiosk_test_log_is_accept_race (domain, message))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

void
kiosk_test_log_allow_accept_race (void)
{
  g_log_set_writer_func (log_writer, NULL, NULL);
  g_log_set_handler ("libsoup", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                     soup_log_handler, NULL);
}

void
kiosk_test_log_allow_accept_race_case (void)
{
  g_test_log_set_fatal_handler (fatal_log_handler, NULL);
}

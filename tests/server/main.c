/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * salonity-dev-server: the contract server as a program, for trying the
 * kiosk against a local "central API".
 *
 *   salonity-dev-server --port N --seed demo --pairing-code CODE [--data-dir DIR]
 *                       [--today YYYY-MM-DD] [--open-every-day]
 *
 * Prints the salon id on stdout (one line) and serves until killed.
 */
#define G_LOG_DOMAIN "salonity-dev-server"

#include <stdio.h>
#include <string.h>
#include <glib-unix.h>

#include "kiosk-test-server.h"

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char *argv[])
{
  int port = 0;
  g_autofree char *seed = NULL;
  g_autofree char *code = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *today = NULL;
  gboolean open_every_day = FALSE;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, "Fill an empty server (only \"demo\")", "demo" },
    { "pairing-code", 0, 0, G_OPTION_ARG_STRING, &code, "A 6-digit pairing code valid 10 minutes", "CODE" },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Where the server keeps its database", "DIR" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, "The salon's today for the demo (YYYY-MM-DD)", "DATE" },
    { "open-every-day", 0, 0, G_OPTION_ARG_NONE, &open_every_day,
      "The demo salon opens on Sundays too (for tests that need a working today)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- Salonity contract server for development");
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskTestServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *tmp_dir = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("salonity-dev-server: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535)
    {
      g_printerr ("salonity-dev-server: --port must be 0…65535\n");
      return 2;
    }
  if (seed && !g_str_equal (seed, "demo"))
    {
      g_printerr ("salonity-dev-server: unknown seed “%s” (only “demo”)\n", seed);
      return 2;
    }
  if (code && (strlen (code) != 6 || strspn (code, "0123456789") != 6))
    {
      g_printerr ("salonity-dev-server: a pairing code is 6 digits\n");
      return 2;
    }
  if (data_dir == NULL)
    {
      tmp_dir = g_dir_make_tmp ("salonity-dev-server-XXXXXX", &error);
      if (tmp_dir == NULL)
        {
          g_printerr ("salonity-dev-server: %s\n", error->message);
          return 1;
        }
      data_dir = g_strdup (tmp_dir);
    }

  server = kiosk_test_server_new (data_dir, &error);
  if (server == NULL)
    {
      g_printerr ("salonity-dev-server: %s\n", error->message);
      return 1;
    }
  kiosk_test_server_set_demo_open_every_day (server, open_every_day);
  if (seed && kiosk_test_server_get_salon_id (server) == NULL &&
      !kiosk_test_server_seed_demo (server, today, &error))
    {
      g_printerr ("salonity-dev-server: cannot seed the demo salon: %s\n", error->message);
      return 1;
    }
  if (code && kiosk_test_server_get_salon_id (server) == NULL)
    {
      g_printerr ("salonity-dev-server: a pairing code needs a salon (use --seed demo)\n");
      return 2;
    }
  if (code)
    kiosk_test_server_add_pairing_code (server, code, 600);
  if (!kiosk_test_server_listen (server, (guint) port, &error))
    {
      g_printerr ("salonity-dev-server: cannot listen on port %d: %s\n", port, error->message);
      return 1;
    }

  printf ("%s\n", kiosk_test_server_get_salon_id (server) ? kiosk_test_server_get_salon_id (server) : "");
  fflush (stdout);
  g_printerr ("salonity-dev-server: serving %s (data in %s)\n", kiosk_test_server_get_uri (server), data_dir);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  return 0;
}

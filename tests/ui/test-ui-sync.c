/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The sync indicator as the receptionist sees it: the real application,
 * paired with the contract server on loopback (token in the session's real
 * keyring), shows "Up to date" once the snapshot is in; when the server goes
 * away it shows "Offline since HH:MM" and the replica keeps every row; when
 * the server returns it is up to date again. Screenshots of both states go
 * to <build>/screenshots/<lang>/.
 */
#define G_LOG_DOMAIN "test-ui-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-context-private.h"
#include "kiosk-application.h"
#include "kiosk-test-enroll.h"
#include "kiosk-test-server.h"
#include "kiosk-ui-test.h"
#include "kiosk-transport.h"
#include "kiosk-sync-status.h"
#include "kiosk-window.h"

#define CODE "493027"

static KioskApplication *app;
static KioskTestServer  *server;
static const char       *lang;

static KioskWindow *
get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (KIOSK_IS_WINDOW (window));
  return KIOSK_WINDOW (window);
}

static KioskSyncStatus *
find_sync_status (GtkWidget *widget)
{
  if (KIOSK_IS_SYNC_STATUS (widget))
    return KIOSK_SYNC_STATUS (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      KioskSyncStatus *found = find_sync_status (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static KioskSyncStatus *
get_sync_status (void)
{
  KioskWindow *window = get_window ();
  KioskSyncStatus *status = find_sync_status (gtk_window_get_titlebar (GTK_WINDOW (window)));

  g_assert_nonnull (status);
  return status;
}

static KioskSyncEngine *
get_engine (void)
{
  KioskSyncEngine *engine = kiosk_context_get_sync_engine (kiosk_application_get_context (app));

  g_assert_nonnull (engine);
  return engine;
}

static gboolean
summary_is (gpointer data)
{
  return g_strcmp0 (kiosk_sync_status_get_summary (get_sync_status ()), data) == 0;
}

static gboolean
engine_is_offline (gpointer data)
{
  return kiosk_sync_engine_get_state (get_engine ()) == KIOSK_SYNC_STATE_OFFLINE;
}

static gint64
replica_count (const char *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kiosk_replica_count (kiosk_context_get_replica (kiosk_application_get_context (app)), table, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_up_to_date (void)
{
  KioskSyncStatus *status = get_sync_status ();

  /* The window shows the context's monitor, which follows the engine the
   * context made for the enrollment. */
  KioskSyncMonitor *monitor = kiosk_context_get_sync_monitor (kiosk_application_get_context (app));

  get_engine ();
  g_assert_true (kiosk_sync_status_get_monitor (status) == monitor);
  g_assert_true (kiosk_sync_monitor_get_active (monitor));
  kiosk_ui_test_wait_until (summary_is, (gpointer)_("Up to date"), 60, "the first sync");

  /* What the server has, the desk has. */
  g_assert_cmpint (replica_count ("customer"), ==, kiosk_test_server_count (server, "customer"));
  g_assert_cmpint (replica_count ("appointment"), ==, kiosk_test_server_count (server, "appointment"));

  kiosk_ui_test_wait_for_paint (GTK_WIDGET (get_window ()));
  kiosk_ui_test_screenshot (GTK_WIDGET (get_window ()), lang, "sync-up-to-date");
}

static void
test_offline (void)
{
  gint64 customers = replica_count ("customer");
  gint64 appointments = replica_count ("appointment");
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *hhmm = NULL;
  g_autofree char *expected = NULL;

  kiosk_test_server_disconnect (server);
  kiosk_sync_engine_nudge (get_engine ());
  kiosk_ui_test_wait_until (engine_is_offline, NULL, 60, "the offline state");

  since = kiosk_sync_engine_dup_since (get_engine ());
  g_assert_nonnull (since);
  /* Shown in the salon's time, like the clock beside it. */
  {
    g_autoptr(GDateTime) now = kiosk_context_dup_now (kiosk_application_get_context (app));

    local = g_date_time_to_timezone (since, g_date_time_get_timezone (now));
  }
  hhmm = g_date_time_format (local, "%H:%M");
  expected = g_strdup_printf (_("Offline since %s"), hhmm);
  kiosk_ui_test_wait_until (summary_is, expected, 10, "the offline summary");

  /* An outage loses nothing at the desk. */
  g_assert_cmpint (replica_count ("customer"), ==, customers);
  g_assert_cmpint (replica_count ("appointment"), ==, appointments);

  kiosk_ui_test_wait_for_paint (GTK_WIDGET (get_window ()));
  kiosk_ui_test_screenshot (GTK_WIDGET (get_window ()), lang, "sync-offline");
}

static void
test_back_online (void)
{
  g_autoptr(GError) error = NULL;

  kiosk_test_server_listen (server, kiosk_test_server_get_port (server), &error);
  g_assert_no_error (error);
  kiosk_sync_engine_nudge (get_engine ());
  kiosk_ui_test_wait_until (summary_is, (gpointer)_("Up to date"), 90, "the return to up to date");
}

/* ---- set-up ------------------------------------------------------------- */

/* Pairs @data_dir with the server the way --enroll does: the token to the
 * Secret Service, the rest to the replica's meta. The server answers on
 * this thread's main loop, so the blocking call runs on another. */
static void
enroll (const char *data_dir)
{
  const char *url = kiosk_test_server_get_uri (server);
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autofree char *db = g_build_filename (data_dir, "replica.db", NULL);
  g_autoptr(KioskEnrollment) enrollment = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GError) error = NULL;

  enrollment = kiosk_test_enroll_on_thread (server, CODE, "Ön büro (UI testi)", 30, &error);
  g_assert_no_error (error);

  replica = kiosk_replica_open (db, &error);
  g_assert_no_error (error);
  kiosk_test_enroll_save (credentials, replica, url, enrollment, &error);
  g_assert_no_error (error);
  kiosk_replica_set_meta (replica, KIOSK_META_DEVICE_NAME, enrollment->name, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *server_dir = NULL;
  g_autofree char *data_arg = NULL;
  char *app_argv[3];
  int app_status;
  int test_status;

  lang = kiosk_ui_test_init (&argc, &argv);

  data_dir = g_dir_make_tmp ("kiosk-ui-sync-XXXXXX", &error);
  g_assert_no_error (error);
  server_dir = g_dir_make_tmp ("kiosk-ui-sync-server-XXXXXX", &error);
  g_assert_no_error (error);

  server = kiosk_test_server_new (server_dir, &error);
  g_assert_no_error (error);
  kiosk_test_server_listen (server, 0, &error);
  g_assert_no_error (error);
  kiosk_test_server_seed_demo (server, NULL, &error);
  g_assert_no_error (error);
  kiosk_test_server_add_pairing_code (server, CODE, 600);
  enroll (data_dir);

  g_test_add_func ("/ui/sync/up-to-date", test_up_to_date);
  g_test_add_func ("/ui/sync/offline", test_offline);
  g_test_add_func ("/ui/sync/back-online", test_back_online);

  app = kiosk_application_new ("com.salonity.Kiosk.TestSync", G_APPLICATION_NON_UNIQUE);

  data_arg = g_strdup_printf ("--data-dir=%s", data_dir);
  app_argv[0] = argv[0];
  app_argv[1] = data_arg;
  app_argv[2] = NULL;
  test_status = kiosk_ui_test_run_app (G_APPLICATION (app), app_argv, &app_status);
  g_clear_object (&app);
  g_clear_object (&server);

  kiosk_ui_test_remove_tree (data_dir);
  kiosk_ui_test_remove_tree (server_dir);

  g_assert_cmpint (app_status, ==, 0);
  return test_status;
}

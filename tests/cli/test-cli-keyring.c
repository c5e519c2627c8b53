/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * `salonity-kiosk --enroll` where a Secret Service answers but cannot keep
 * the token without a person: a real gnome-keyring whose default keyring
 * is locked, as on a kiosk user with automatic login (PAM had no password
 * to unlock it). Each case runs in a child process with a private D-Bus
 * session, its own keyring and the contract test server in the process.
 *
 *  - no prompter at all: gnome-keyring gives up on the unlock at once;
 *  - a prompter that takes the prompt and never answers (the dialog nobody
 *    at the kiosk sees): a store would wait for ever.
 *
 * Either way --enroll must say so within seconds, exit 9, and leave the
 * single-use pairing code unused.
 *
 * Usage: test-cli-keyring SALONITY-KIOSK (the children, which GLib starts
 * without the arguments, find it in KIOSK_TEST_PROGRAM).
 */
#define G_LOG_DOMAIN "test-cli-keyring"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kiosk-test-enroll.h"
#include "kiosk-test-keyring.h"
#include "kiosk-test-server.h"

#define SALON     "5d1f3c9a-2b7e-4c1a-9f3e-0a1b2c3d4e5f"
#define CODE      "731904"
#define LIMIT_S   30   /* a run that takes this long is taken as hanging */

static char *kiosk_path;

typedef struct {
  int       status;       /* -1: still running at the limit, killed */
  char     *out;
  char     *err;
  gboolean  done;
  gint64    elapsed_us;
} Run;

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->done = TRUE;
}

static gboolean
on_limit (gpointer data)
{
  GSubprocess *process = data;

  g_test_message ("still running after %d s: stopped", LIMIT_S);
  g_subprocess_force_exit (process);
  return G_SOURCE_REMOVE;
}

/* Runs salonity-kiosk with @args; the contract server answers on this
 * thread's default context meanwhile. */
static void
run_kiosk (Run                *run,
           const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  guint limit;

  g_ptr_array_add (argv, kiosk_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated, run);
  limit = g_timeout_add_seconds (LIMIT_S, on_limit, process);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
  run->elapsed_us = g_get_monotonic_time () - start;
  g_subprocess_wait (process, NULL, NULL);
  if (g_subprocess_get_if_exited (process))
    {
      g_source_remove (limit);
      run->status = g_subprocess_get_exit_status (process);
    }
  else
    run->status = -1;
  g_test_message ("salonity-kiosk %s %s → %d after %" G_GINT64_FORMAT " ms\nstdout: %s\nstderr: %s",
                  args[0], args[1], run->status, run->elapsed_us / 1000, run->out, run->err);
}

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

static JsonObject *
status_json (const char *data_arg)
{
  Run run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *status;

  run_kiosk (&run, (const char * const []) { data_arg, "--status", "--json", NULL });
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  status = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  run_clear (&run);
  return status;
}

/* The contract server with one salon and a pairing code for it. */
static KioskTestServer *
start_server (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskTestServer) server = NULL;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  server = kiosk_test_server_new (dir, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_test_server_listen (server, 0, &error));
  g_assert_cmpint (kiosk_test_server_put (server, "salon",
                                          "{\"id\":\"" SALON "\",\"name\":\"Işıl Güzellik Şişli\","
                                          "\"address\":\"Halaskargazi Cd. 1\",\"city\":\"İstanbul\","
                                          "\"district\":\"Şişli\",\"phone\":\"+902121234567\","
                                          "\"opening_time\":\"09:00:00\",\"closing_time\":\"20:00:00\","
                                          "\"timezone\":\"Europe/Istanbul\"}", &error), >, 0);
  g_assert_no_error (error);
  kiosk_test_server_add_pairing_code (server, CODE, 600);
  return g_steal_pointer (&server);
}

static void
enroll_with_locked_keyring (KioskTestKeyring *own,
                            gboolean          with_prompter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskTestServer) server = NULL;
  g_autoptr(KioskEnrollment) later = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_autofree char *server_dir = g_build_filename (kiosk_test_keyring_get_dir (own), "server", NULL);
  g_autofree char *data_dir = g_build_filename (kiosk_test_keyring_get_dir (own), "kiosk", NULL);
  g_autofree char *data_arg = g_strconcat ("--data-dir=", data_dir, NULL);
  g_autofree char *server_arg = NULL;
  KioskTestPrompter *prompter = NULL;
  Run run = { 0 };

  server = start_server (server_dir);
  server_arg = g_strconcat ("--server=", kiosk_test_server_get_uri (server), NULL);

  kiosk_test_keyring_lock ();
  if (with_prompter)
    prompter = kiosk_test_keyring_start_prompter (own);

  run_kiosk (&run, (const char * const []) { data_arg, "--enroll", server_arg, "--salon=" SALON,
                                             "--pairing-code=" CODE, "--name=Ön büro 1", NULL });

  /* Within seconds, with the documented code and what to do. */
  g_assert_cmpint (run.status, ==, 9);
  g_assert_cmpint (run.elapsed_us, <, 10 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (run.err, "locked"));
  g_assert_nonnull (strstr (run.err, "Deploying as a kiosk"));
  g_assert_nonnull (strstr (run.err, "the pairing code was not used"));
  g_assert_cmpstr (run.out, ==, "");
  /* No dialog was even asked for. */
  if (prompter != NULL)
    g_assert_cmpuint (kiosk_test_prompter_get_n_prompts (prompter), ==, 0);
  run_clear (&run);

  status = status_json (data_arg);
  g_assert_false (json_object_get_boolean_member (status, "enrolled"));
  g_assert_true (json_object_get_null_member (status, "device"));

  /* The code is still good: another kiosk (or this one, once its keyring
   * opens) pairs with it. */
  later = kiosk_test_enroll_on_thread (server, CODE, "Ön büro 2", 10, &error);
  g_assert_no_error (error);
  g_assert_nonnull (later);
  g_assert_true (g_uuid_string_is_valid (later->device));
}

/* What README.md's "Deploying as a kiosk" sets up: a login keyring with
 * an empty password. gnome-keyring starts it locked (no login unlocked it),
 * and opens it without a prompt when asked. */
static void
empty_password_keyring (KioskTestKeyring *own)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskTestServer) server = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_autofree char *server_dir = g_build_filename (kiosk_test_keyring_get_dir (own), "server", NULL);
  g_autofree char *data_dir = g_build_filename (kiosk_test_keyring_get_dir (own), "kiosk", NULL);
  g_autofree char *data_arg = g_strconcat ("--data-dir=", data_dir, NULL);
  g_autofree char *server_arg = NULL;
  KioskTestPrompter *prompter = kiosk_test_keyring_start_prompter (own);
  Run run = { 0 };

  server = start_server (server_dir);
  server_arg = g_strconcat ("--server=", kiosk_test_server_get_uri (server), NULL);
  run_kiosk (&run, (const char * const []) { data_arg, "--enroll", server_arg, "--salon=" SALON,
                                             "--pairing-code=" CODE, "--name=Ön büro 1", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (run.elapsed_us, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpuint (kiosk_test_prompter_get_n_prompts (prompter), ==, 0);
  run_clear (&run);

  status = status_json (data_arg);
  g_assert_true (json_object_get_boolean_member (status, "enrolled"));
  g_assert_cmpstr (json_object_get_string_member (status, "token"), ==, "stored");
}

static void
locked_no_prompter (KioskTestKeyring *own)
{
  enroll_with_locked_keyring (own, FALSE);
}

static void
locked_prompter_never_answers (KioskTestKeyring *own)
{
  enroll_with_locked_keyring (own, TRUE);
}

static void
test_empty_password_keyring (void)
{
  kiosk_test_keyring_run_in_child_kind (KIOSK_TEST_KEYRING_EMPTY_PASSWORD, 90, empty_password_keyring);
}

static void
test_locked_no_prompter (void)
{
  kiosk_test_keyring_run_in_child (TRUE, 90, locked_no_prompter);
}

static void
test_locked_prompter_never_answers (void)
{
  kiosk_test_keyring_run_in_child (TRUE, 90, locked_prompter_never_answers);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (argc == 2)
    g_setenv ("KIOSK_TEST_PROGRAM", argv[1], TRUE);
  kiosk_path = (char *) g_getenv ("KIOSK_TEST_PROGRAM");
  if (kiosk_path == NULL)
    g_error ("usage: %s SALONITY-KIOSK", argv[0]);

  g_test_add_func ("/cli-keyring/enroll/locked-no-prompter", test_locked_no_prompter);
  g_test_add_func ("/cli-keyring/enroll/empty-password-keyring", test_empty_password_keyring);
  g_test_add_func ("/cli-keyring/enroll/locked-prompter-never-answers", test_locked_prompter_never_answers);
  return g_test_run ();
}

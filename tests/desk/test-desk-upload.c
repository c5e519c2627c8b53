/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the desk records reaches the server: a kiosk paired with the
 * contract server on loopback (token in the session's keyring), its sync
 * engine running, people joining the queue and becoming members at the
 * desk. The server keeps each person's KVKK consent with the notice they
 * read and the device (docs/kiosk-api.md §3.6); what it kept is read from
 * its SQLite file. Changes an earlier build queued before the upgrade (no
 * notice, a walk-in without consent_at) still upload.
 */
#define G_LOG_DOMAIN "test-desk-upload"

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "kiosk-context-private.h"
#include "kiosk-kvkk.h"
#include "kiosk-desk.h"
#include "kiosk-desk-queue.h"
#include "kiosk-desk-test.h"
#include "kiosk-test-enroll.h"
#include "kiosk-test-log.h"
#include "kiosk-test-server.h"
#include "kiosk-replica-desk.h"
#include "kiosk-replica-private.h"
#include "kiosk-sync-engine.h"

#define SERVER_SALON    "5d1f3c9a-2b7e-4c1a-9f3e-0a1b2c3d4e5f"
#define SERVER_SERVICE  "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"
#define SERVER_EMPLOYEE "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"
#define OLD_WALKIN      "0b1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e"
#define OLD_CUSTOMER    "1c2e3f4a-5b6c-4d7e-9f80-a12b3c4d5e6f"
#define CODE            "493027"

typedef struct {
  char             *dir;        /* the kiosk's data dir; the server's is in it */
  KioskTestServer  *server;
  KioskContext     *context;
  KioskEnrollment  *enrollment;
} Fixture;

/* ---- set-up -------------------------------------------------------------- */

static void
server_put (Fixture    *f,
            const char *entity,
            const char *json)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kiosk_test_server_put (f->server, entity, json, &error), >, 0);
  g_assert_no_error (error);
}

static char *
replica_path (Fixture *f)
{
  return g_build_filename (f->dir, "replica.db", NULL);
}

/* The server, a salon open every day with one service, and a device paired
 * with it whose token is in the keyring; the kiosk's files are not made. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server_dir = NULL;

  kiosk_test_log_allow_accept_race_case ();
  f->dir = g_dir_make_tmp ("kiosk-desk-upload-XXXXXX", &error);
  g_assert_no_error (error);
  server_dir = g_build_filename (f->dir, "server", NULL);
  g_assert_cmpint (g_mkdir (server_dir, 0700), ==, 0);
  f->server = kiosk_test_server_new (server_dir, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_test_server_listen (f->server, 0, &error));
  g_assert_no_error (error);

  server_put (f, "salon",
              "{\"id\":\"" SERVER_SALON "\",\"name\":\"Işıl Güzellik Şişli\",\"address\":\"Halaskargazi Cd. 1\","
              "\"city\":\"İstanbul\",\"district\":\"Şişli\",\"phone\":\"+902121234567\","
              "\"opening_time\":\"00:00:00\",\"closing_time\":\"23:59:00\",\"timezone\":\"Europe/Istanbul\"}");
  server_put (f, "service",
              "{\"id\":\"" SERVER_SERVICE "\",\"category\":null,\"name\":\"Saç kesimi\","
              "\"description\":\"\",\"price\":\"250.00\",\"duration\":30,\"is_active\":true}");
  server_put (f, "employee",
              "{\"id\":\"" SERVER_EMPLOYEE "\",\"name\":\"Ayşe Çelik\",\"position\":\"Kuaför\",\"is_active\":true,"
              "\"services\":[\"" SERVER_SERVICE "\"]}");

  kiosk_test_server_add_pairing_code (f->server, CODE, 600);
  f->enrollment = kiosk_test_enroll_on_thread (f->server, CODE, "Ön büro 1", 10, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->enrollment);
}

/* The pairing as --enroll writes it, into the replica at @path. */
static void
save_enrollment (Fixture      *f,
                 KioskReplica *replica)
{
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (kiosk_test_enroll_save (credentials, replica, kiosk_test_server_get_uri (f->server),
                                         f->enrollment, &error));
  g_assert_no_error (error);
}

/* The kiosk starts on its data dir, as the program does. */
static void
start_kiosk (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->context = kiosk_context_new (f->dir, FALSE, 0, &error);
  g_assert_no_error (error);
  kiosk_context_start_sync (f->context);
  g_assert_nonnull (kiosk_context_get_sync_engine (f->context));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();

  g_clear_object (&f->context);
  kiosk_credentials_clear_token_sync (credentials, kiosk_test_server_get_uri (f->server),
                                      f->enrollment->device, NULL, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->server);
  g_clear_pointer (&f->enrollment, kiosk_enrollment_free);
  remove_tree (f->dir);
  g_free (f->dir);
}

/* ---- helpers ------------------------------------------------------------- */

/* Whether every change of the outbox has had its answer. */
static gboolean
outbox_answered (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = kiosk_replica_outbox_list (kiosk_context_get_replica (f->context), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      KioskOutboxState state = ((KioskOutboxEntry *) g_ptr_array_index (entries, i))->state;

      if (state == KIOSK_OUTBOX_PENDING || state == KIOSK_OUTBOX_IN_FLIGHT)
        return FALSE;
    }
  return TRUE;
}

/* The server answers on this thread: spin until the salon is here, every
 * change has had its answer and the engine has finished its cycle. */
static void
settle (Fixture *f)
{
  KioskSyncEngine *engine = kiosk_context_get_sync_engine (f->context);
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  for (;;)
    {
      KioskSyncState state = kiosk_sync_engine_get_state (engine);
      g_autoptr(KioskSalon) salon = kiosk_replica_get_salon (kiosk_context_get_replica (f->context), NULL);

      if (salon != NULL && outbox_answered (f) && kiosk_sync_engine_get_waiting_count (engine) == 0 &&
          (state == KIOSK_SYNC_STATE_UP_TO_DATE || state == KIOSK_SYNC_STATE_NEEDS_ATTENTION))
        return;
      if (g_get_monotonic_time () > end)
        g_error ("The kiosk did not settle in 60 s (state %d, %u waiting)",
                 (int) state, kiosk_sync_engine_get_waiting_count (engine));
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

/* Every change of the outbox was taken by the server, none refused. */
static void
assert_all_done (Fixture *f,
                 guint    expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = kiosk_replica_outbox_list (kiosk_context_get_replica (f->context), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, expected);
  for (guint i = 0; i < entries->len; i++)
    {
      KioskOutboxEntry *entry = g_ptr_array_index (entries, i);

      g_test_message ("%s %s: %s %s", entry->kind, entry->entity_id,
                      kiosk_outbox_state_to_string (entry->state),
                      entry->last_reason != NULL ? entry->last_reason : "");
      g_assert_cmpint (entry->state, ==, KIOSK_OUTBOX_DONE);
    }
}

/* What the server keeps of a record's consent, from its SQLite file:
 * "consent_at|consent_notice|device", or NULL. */
static char *
kept_consent (Fixture    *f,
              const char *entity,
              const char *id)
{
  g_autofree char *path = g_build_filename (f->dir, "server", "server.sqlite3", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *kept = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT consent_at, consent_notice, device "
                                           "FROM consent WHERE entity = ?1 AND id = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    kept = g_strdup_printf ("%s|%s|%s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return kept;
}

/* @kept names the instant @when (to the second), @notice and our device. */
static void
assert_kept (Fixture    *f,
             const char *kept,
             GDateTime  *when,
             const char *notice)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GDateTime) at = NULL;

  g_test_message ("kept: %s", kept);
  g_assert_nonnull (kept);
  parts = g_strsplit (kept, "|", 3);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  at = g_date_time_new_from_iso8601 (parts[0], NULL);
  g_assert_nonnull (at);
  g_assert_cmpint (g_date_time_to_unix (at), ==, g_date_time_to_unix (when));
  g_assert_cmpstr (parts[1], ==, notice);
  g_assert_cmpstr (parts[2], ==, f->enrollment->device);
}

/* Now less @seconds, to the second, in UTC (a clock not the salon's). */
static GDateTime *
seconds_ago (int seconds)
{
  return g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC - seconds);
}

/* ---- the tests ----------------------------------------------------------- */

/* A walk-in joins at the desk and a member registers; both reach the
 * server, which keeps each consent with its notice and this device. */
static void
test_consent_reaches_server (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) walkin_tap = seconds_ago (4);
  g_autoptr(GDateTime) member_tap = seconds_ago (2);
  g_autofree char *path = replica_path (f);
  g_autofree char *walkin = NULL;
  g_autofree char *member = NULL;
  g_autofree char *walkin_kept = NULL;
  g_autofree char *member_kept = NULL;
  g_autofree char *server_walkin = NULL;
  g_auto(GStrv) walkin_parts = NULL;

  replica = kiosk_replica_open (path, &error);
  g_assert_no_error (error);
  save_enrollment (f, replica);
  g_clear_object (&replica);
  start_kiosk (f);
  settle (f);

  walkin = kiosk_desk_join_queue (f->context, "Oğuz Kaya", "0532 000 11 22", SERVER_SERVICE, NULL,
                                  walkin_tap, &error);
  g_assert_no_error (error);
  member = kiosk_desk_register_customer (f->context, "Gönül", "Işık", "0532 000 44 00", member_tap, &error);
  g_assert_no_error (error);
  settle (f);

  assert_all_done (f, 2);
  server_walkin = kiosk_test_server_get (f->server, "walkin", walkin);
  g_assert_nonnull (server_walkin);
  walkin_kept = kept_consent (f, "walkin", walkin);
  assert_kept (f, walkin_kept, walkin_tap, KIOSK_KVKK_NOTICE_WALKIN);
  /* Written in the salon's time, as the walk-in's arrival. */
  walkin_parts = g_strsplit (walkin_kept, "|", 2);
  g_assert_true (g_str_has_suffix (walkin_parts[0], "+03:00"));
  member_kept = kept_consent (f, "customer", member);
  assert_kept (f, member_kept, member_tap, KIOSK_KVKK_NOTICE_MEMBER);
}

/* An earlier build's replica (schema 5) with a walk-in and a new member
 * queued while offline, as that build wrote them: after the upgrade both
 * upload, the walk-in with its arrival as its consent time (it could only
 * join with the box ticked), each with the notice that build showed (the
 * texts have not changed since). */
static void
test_queued_before_upgrade (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(KioskReplica) old = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) arrived = seconds_ago (600);
  g_autoptr(GDateTime) agreed = seconds_ago (1200);
  g_autoptr(GTimeZone) istanbul = g_time_zone_new_identifier ("Europe/Istanbul");
  g_autoptr(GDateTime) arrived_local = g_date_time_to_timezone (arrived, istanbul);
  g_autofree char *arrived_at = g_date_time_format (arrived_local, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *consent_at = g_date_time_format_iso8601 (agreed);
  g_autofree char *path = replica_path (f);
  g_autofree char *rows = NULL;
  g_autofree char *walkin_body = NULL;
  g_autofree char *customer_body = NULL;
  g_autofree char *walkin_kept = NULL;
  g_autofree char *customer_kept = NULL;
  g_autoptr(KioskWalkin) walkin = NULL;
  g_autoptr(KioskCustomer) customer = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonNode) payload = NULL;

  old = kiosk_replica_open_at_version (path, 5, &error);
  g_assert_no_error (error);
  save_enrollment (f, old);
  rows = g_strdup_printf ("INSERT INTO walkin (id, customer, name, phone, service, status, arrived_at, pending) "
                          "VALUES ('" OLD_WALKIN "', NULL, 'Şeyma Ak', '+905320009988', '" SERVER_SERVICE "', "
                          "'waiting', '%s', 1);"
                          "INSERT INTO customer (id, first_name, last_name, phone, updated_at, consent_at, pending) "
                          "VALUES ('" OLD_CUSTOMER "', 'Nur', 'Öz', '+905320007766', '%s', '%s', 1);",
                          arrived_at, consent_at, consent_at);
  walkin_body = g_strdup_printf ("{\"id\":\"" OLD_WALKIN "\",\"customer\":null,\"name\":\"Şeyma Ak\","
                                 "\"phone\":\"+905320009988\",\"service\":\"" SERVER_SERVICE "\","
                                 "\"preferred_employee\":null,\"arrived_at\":\"%s\"}", arrived_at);
  customer_body = g_strdup_printf ("{\"id\":\"" OLD_CUSTOMER "\",\"first_name\":\"Nur\",\"last_name\":\"Öz\","
                                   "\"phone\":\"+905320007766\",\"consent_at\":\"%s\"}", consent_at);
  g_assert_true (kiosk_replica_begin (old, &error));
  g_assert_true (kiosk_replica_exec_for_testing (old, rows, &error));
  g_assert_true (kiosk_replica_outbox_add (old, "walkin.create", OLD_WALKIN, walkin_body, NULL, &error));
  g_assert_true (kiosk_replica_outbox_add (old, "customer.create", OLD_CUSTOMER, customer_body, NULL, &error));
  g_assert_true (kiosk_replica_commit (old, &error));
  g_assert_no_error (error);
  g_clear_object (&old);

  start_kiosk (f);

  /* The upgrade gave the walk-in the consent it gave when it joined. */
  walkin = kiosk_replica_get_walkin (kiosk_context_get_replica (f->context), OLD_WALKIN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (walkin->consent_at, ==, arrived_at);
  g_assert_cmpstr (walkin->consent_notice, ==, KIOSK_KVKK_NOTICE_WALKIN);
  customer = kiosk_replica_get_customer (kiosk_context_get_replica (f->context), OLD_CUSTOMER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (customer->consent_at, ==, consent_at);
  g_assert_cmpstr (customer->consent_notice, ==, KIOSK_KVKK_NOTICE_MEMBER);
  entries = kiosk_replica_outbox_list (kiosk_context_get_replica (f->context), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  payload = desk_payload (g_ptr_array_index (entries, 0));
  g_assert_cmpstr (desk_member (payload, "consent_at"), ==, arrived_at);
  g_assert_cmpstr (desk_member (payload, "consent_notice"), ==, KIOSK_KVKK_NOTICE_WALKIN);
  g_clear_pointer (&payload, json_node_unref);
  payload = desk_payload (g_ptr_array_index (entries, 1));
  g_assert_cmpstr (desk_member (payload, "consent_at"), ==, consent_at);
  g_assert_cmpstr (desk_member (payload, "consent_notice"), ==, KIOSK_KVKK_NOTICE_MEMBER);
  g_assert_cmpstr (desk_member (payload, "first_name"), ==, "Nur");

  settle (f);

  assert_all_done (f, 2);
  walkin_kept = kept_consent (f, "walkin", OLD_WALKIN);
  assert_kept (f, walkin_kept, arrived, KIOSK_KVKK_NOTICE_WALKIN);
  customer_kept = kept_consent (f, "customer", OLD_CUSTOMER);
  assert_kept (f, customer_kept, agreed, KIOSK_KVKK_NOTICE_MEMBER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kiosk_test_log_allow_accept_race ();

  g_test_add ("/desk/upload/consent", Fixture, NULL, fixture_setup, test_consent_reaches_server, fixture_teardown);
  g_test_add ("/desk/upload/queued-before-upgrade", Fixture, NULL, fixture_setup, test_queued_before_upgrade,
              fixture_teardown);
  return g_test_run ();
}

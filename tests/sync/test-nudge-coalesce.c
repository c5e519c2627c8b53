/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Live nudges (docs/kiosk-api.md §3.5) and the pulls they wake: a burst of
 * nudges while a pull is in flight costs one more pull, not one a nudge,
 * and a lone nudge after a quiet spell pulls at once, also after a storm.
 * The sync engine against the contract test server in this process, on
 * loopback, with a real replica file and the token in the session's Secret
 * Service (quickstart's private D-Bus session with gnome-keyring).
 *
 * What is asserted is counted, never timed: the server's request log (with
 * the outbox empty and the WebSocket up, every request it logs is a GET of
 * the feed) and the engine's own account of what it did with each nudge
 * (its debug log: "pulling now", "pulling in … ms", "joins" a pull already
 * due). How fast "A books, B sees it" is, the benchmark sync-nudge-latency
 * shows.
 */
#define G_LOG_DOMAIN "test-nudge-coalesce"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kiosk-test-enroll.h"
#include "kiosk-test-log.h"
#include "kiosk-test-server.h"
#include "kiosk-replica-sync.h"
#include "kiosk-sync-engine.h"

#define SALON     "5d1f3c9a-2b7e-4c1a-9f3e-0a1b2c3d4e5f"
#define CATEGORY  "0c6f7a1e-8d2b-4e5f-a1b2-c3d4e5f60718"
#define SERVICE   "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"
#define EMPLOYEE  "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"
#define CUSTOMER  "c0ffee00-1111-4222-8333-444455556666"
#define CODE      "493027"

/* Changes made while the first pull is held. */
#define N_BURST   8
/* Longer than the spell without a nudge that ends a storm for the engine
 * (5 s, NUDGE_QUIET_US in kiosk-sync-engine-private.h): quiet. */
#define QUIET_MS  6000
/* Longer than the engine's longest gap between nudge-woken pulls with its
 * jitter (250 + 100 ms): any pull still to come has come. */
#define LATE_MS   1000
/* The held pull: the server answers it only when the test lets its main
 * loop run again, so the burst is sent while it is in flight, however slow
 * the machine. */
#define HOLD_MS   200

typedef struct {
  char             *dir;
  KioskTestServer  *server;
  KioskCredentials *credentials;
  char             *replica_path;
  KioskReplica     *replica;      /* the desk's own connection */
  KioskSyncEngine  *engine;
  char             *device;
} Fixture;

/* --------------------------------------------- the engine's debug log */

static GMutex     decisions_lock;
static GPtrArray *decisions;      /* of char *: the engine's "Nudge: …" lines */

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
  if ((log_level & G_LOG_LEVEL_DEBUG) && g_strcmp0 (domain, "kiosk-sync") == 0 &&
      message != NULL && g_str_has_prefix (message, "Nudge: "))
    {
      g_mutex_lock (&decisions_lock);
      g_ptr_array_add (decisions, g_strdup (message));
      g_mutex_unlock (&decisions_lock);
    }
  /* As kiosk-test-log.c: libsoup's accept race is not a failure. */
  if ((log_level & G_LOG_LEVEL_WARNING) && kiosk_test_log_is_accept_race (domain, message))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
soup_log_handler (const char     *log_domain,
                  GLogLevelFlags  log_level,
                  const char     *message,
                  gpointer        user_data)
{
  if (!kiosk_test_log_is_accept_race (log_domain, message))
    g_log_default_handler (log_domain, log_level, message, user_data);
}

/* The engine's decisions since the last call. */
static GPtrArray *
take_decisions (void)
{
  GPtrArray *taken;

  g_mutex_lock (&decisions_lock);
  taken = g_steal_pointer (&decisions);
  decisions = g_ptr_array_new_with_free_func (g_free);
  g_mutex_unlock (&decisions_lock);
  return taken;
}

static guint
count_decisions (GPtrArray  *lines,
                 const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < lines->len; i++)
    n += g_str_has_prefix (g_ptr_array_index (lines, i), prefix);
  return n;
}

/* ------------------------------------------------------------- helpers */

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

/* Runs the main context (where the server answers) until @cond holds; the
 * time-out only stops a hung test. */
static void
wait_for (Fixture       *f,
          Condition      cond,
          gconstpointer  data,
          const char    *what)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!cond (f, data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for %s", what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static void
server_put (Fixture    *f,
            const char *entity,
            const char *json)
{
  g_autoptr(GError) error = NULL;
  gint64 version = kiosk_test_server_put (f->server, entity, json, &error);

  g_assert_no_error (error);
  g_assert_cmpint (version, >, 0);
}

/* A change made elsewhere (the server commits it and nudges every socket
 * of the salon): the customer's points become @points. */
static void
server_set_points (Fixture *f,
                   guint    points)
{
  g_autofree char *json =
    g_strdup_printf ("{\"id\":\"" CUSTOMER "\",\"first_name\":\"Gülşen\",\"last_name\":\"Öztürk\","
                     "\"phone\":\"+905551112233\",\"loyalty_level\":\"bronze\",\"total_points\":%u,"
                     "\"current_points\":%u,\"total_spent\":\"0.00\",\"total_visits\":0,"
                     "\"updated_at\":\"2026-01-05T10:00:00+03:00\"}", points, points);

  server_put (f, "customer", json);
}

/* What the desk would show: the customer's points in the replica. */
static gboolean
replica_has_points (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(KioskCustomer) customer = kiosk_replica_get_customer (f->replica, CUSTOMER, NULL);

  return customer != NULL && customer->current_points == GPOINTER_TO_INT (data);
}

static gboolean
up_to_date_and_live (Fixture       *f,
                     gconstpointer  data)
{
  return kiosk_sync_engine_get_state (f->engine) == KIOSK_SYNC_STATE_UP_TO_DATE &&
         kiosk_test_server_get_n_websockets (f->server) == 1;
}

static gboolean
fault_taken (Fixture       *f,
             gconstpointer  data)
{
  return kiosk_test_server_get_n_faults (f->server) == 0;
}

/* Lets a quiet spell pass (a socket that has just connected expects a
 * storm), then forgets what the server and the engine logged so far. */
static void
settle (Fixture *f)
{
  spin (QUIET_MS);
  g_array_unref (kiosk_test_server_take_request_times (f->server));
  g_ptr_array_unref (take_decisions ());
}

/* The requests the server logged since the last call (after a while, so
 * that a late pull is counted too). With the outbox empty and the socket
 * up all along, each is a GET of the feed. */
static guint
take_pulls (Fixture *f,
            guint    upgrades_before)
{
  g_autoptr(GArray) times = NULL;

  spin (LATE_MS);
  times = kiosk_test_server_take_request_times (f->server);
  g_assert_cmpuint (kiosk_test_server_get_n_upgrade_requests (f->server), ==, upgrades_before);
  g_assert_cmpuint (kiosk_test_server_get_n_websockets (f->server), ==, 1);
  return times->len;
}

/* ------------------------------------------------------------- fixture */

static void
seed (Fixture *f)
{
  server_put (f, "salon",
              "{\"id\":\"" SALON "\",\"name\":\"Işıl Güzellik Şişli\",\"address\":\"Halaskargazi Cd. 1\","
              "\"city\":\"İstanbul\",\"district\":\"Şişli\",\"phone\":\"+902121234567\","
              "\"opening_time\":\"09:00:00\",\"closing_time\":\"20:00:00\",\"timezone\":\"Europe/Istanbul\"}");
  server_put (f, "category",
              "{\"id\":\"" CATEGORY "\",\"name\":\"Saç\",\"description\":\"Kesim ve bakım\",\"icon\":\"scissors\"}");
  server_put (f, "service",
              "{\"id\":\"" SERVICE "\",\"category\":\"" CATEGORY "\",\"name\":\"Saç kesimi\","
              "\"description\":\"\",\"price\":\"250.00\",\"duration\":30,\"is_active\":true}");
  server_put (f, "employee",
              "{\"id\":\"" EMPLOYEE "\",\"name\":\"Ayşe Çelik\",\"position\":\"Kuaför\",\"is_active\":true,"
              "\"services\":[\"" SERVICE "\"]}");
  server_set_points (f, 0);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskEnrollment) enrollment = NULL;
  g_autofree char *server_dir = NULL;
  KioskSyncTimings timings;

  /* GLib resets the fatal handler for every test case. */
  kiosk_test_log_allow_accept_race_case ();
  f->dir = g_dir_make_tmp ("kiosk-nudge-coalesce-XXXXXX", &error);
  g_assert_no_error (error);
  server_dir = g_build_filename (f->dir, "server", NULL);
  g_mkdir_with_parents (server_dir, 0700);
  f->server = kiosk_test_server_new (server_dir, &error);
  g_assert_no_error (error);
  kiosk_test_server_listen (f->server, 0, &error);
  g_assert_no_error (error);
  seed (f);

  /* Paired as --enroll does it. */
  f->credentials = kiosk_credentials_new ();
  f->replica_path = g_build_filename (f->dir, "replica.db", NULL);
  f->replica = kiosk_replica_open (f->replica_path, &error);
  g_assert_no_error (error);
  kiosk_test_server_add_pairing_code (f->server, CODE, 600);
  enrollment = kiosk_test_enroll_on_thread (f->server, CODE, "Ön büro 1", 10, &error);
  g_assert_no_error (error);
  g_assert_nonnull (enrollment);
  kiosk_test_enroll_save (f->credentials, f->replica, kiosk_test_server_get_uri (f->server), enrollment, &error);
  g_assert_no_error (error);
  f->device = g_strdup (enrollment->device);

  /* The nudge gap is the engine's own; only the poll is out of the way
   * (the WebSocket carries the news). */
  f->engine = kiosk_sync_engine_new (f->replica_path, f->credentials, NULL);
  kiosk_sync_engine_get_timings (f->engine, &timings);
  timings.poll_interval_ms = 10 * 60 * 1000;
  kiosk_sync_engine_set_timings (f->engine, &timings);
  kiosk_sync_engine_start (f->engine);
  wait_for (f, up_to_date_and_live, NULL, "the first sync and the live connection");
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
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  kiosk_sync_engine_stop (f->engine);
  spin (20);
  g_clear_object (&f->engine);
  kiosk_credentials_clear_token_sync (f->credentials, kiosk_test_server_get_uri (f->server), f->device, NULL, NULL);
  g_clear_object (&f->replica);
  g_clear_object (&f->credentials);
  g_clear_object (&f->server);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->replica_path);
  g_free (f->device);
}

/* --------------------------------------------------------------- tests */

/* A change pulls once; N_BURST more, made while that pull is in flight,
 * cost one pull more between them ("pull again when done"), and the desk
 * ends up with the last. Then, after a quiet spell, one more change: it is
 * pulled at once (the storm's gap does not outlive the storm), by one
 * pull. */
static void
test_burst_while_pulling (Fixture       *f,
                          gconstpointer  data)
{
  KioskFault hold = { .kind = KIOSK_FAULT_SLOW, .delay_ms = HOLD_MS };
  guint upgrades = kiosk_test_server_get_n_upgrade_requests (f->server);
  g_autoptr(GPtrArray) burst = NULL;
  g_autoptr(GPtrArray) lone = NULL;
  guint pulls;

  settle (f);
  kiosk_test_server_push_fault (f->server, "GET", "/api/kiosk/v1/changes/", &hold);
  server_set_points (f, 1);
  /* The nudge's pull has reached the server, which holds it. */
  wait_for (f, fault_taken, NULL, "the first pull");
  for (guint i = 2; i < 2 + N_BURST; i++)
    server_set_points (f, i);
  wait_for (f, replica_has_points, GINT_TO_POINTER (1 + N_BURST), "the burst's last change");

  pulls = take_pulls (f, upgrades);
  burst = take_decisions ();
  g_test_message ("%u nudges, %u pulls; the engine: %u now, %u later, %u joined a pull already due",
                  1 + N_BURST, pulls, count_decisions (burst, "Nudge: pulling now"),
                  count_decisions (burst, "Nudge: pulling in "),
                  count_decisions (burst, "Nudge: a pull is already due"));
  g_assert_cmpuint (burst->len, ==, 1 + N_BURST);
  g_assert_cmpuint (pulls, >=, 1);
  g_assert_cmpuint (pulls, <=, 2);

  /* A quiet spell, then one change. */
  spin (QUIET_MS);
  server_set_points (f, 100);
  wait_for (f, replica_has_points, GINT_TO_POINTER (100), "the lone change");
  pulls = take_pulls (f, upgrades);
  lone = take_decisions ();
  g_assert_cmpuint (lone->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (lone, 0), ==, "Nudge: pulling now");
  g_assert_cmpuint (pulls, ==, 1);
}

/* "A books, B sees it" again and again: each change comes once the
 * previous one is in the replica, so no nudge finds a pull in flight or
 * due. Each is pulled at once, by one pull of its own: nudges that do not
 * outrun the pulls never build a gap, however close together. */
static void
test_one_at_a_time (Fixture       *f,
                    gconstpointer  data)
{
  guint upgrades = kiosk_test_server_get_n_upgrade_requests (f->server);
  g_autoptr(GPtrArray) lines = NULL;

  settle (f);
  for (guint i = 1; i <= 10; i++)
    {
      server_set_points (f, i);
      wait_for (f, replica_has_points, GINT_TO_POINTER (i), "the change");
    }
  g_assert_cmpuint (take_pulls (f, upgrades), ==, 10);
  lines = take_decisions ();
  g_assert_cmpuint (lines->len, ==, 10);
  g_assert_cmpuint (count_decisions (lines, "Nudge: pulling now"), ==, 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  decisions = g_ptr_array_new_with_free_func (g_free);
  /* The engine's debug lines reach this writer whatever G_MESSAGES_DEBUG
   * says; g_log_writer_default() still prints only what it asks for. */
  g_log_set_writer_func (log_writer, NULL, NULL);
  g_log_set_handler ("libsoup", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                     soup_log_handler, NULL);

  g_test_add ("/sync-nudges/burst-while-pulling-then-lone", Fixture, NULL,
              fixture_setup, test_burst_while_pulling, fixture_teardown);
  g_test_add ("/sync-nudges/one-at-a-time-each-at-once", Fixture, NULL,
              fixture_setup, test_one_at_a_time, fixture_teardown);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The sync engine against the contract test server, in-process on
 * loopback, with real replica files and a real token in the Secret Service
 * (the tests run in a private D-Bus session with gnome-keyring). The server
 * answers on this (main) thread's context; the engine works on its own.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kiosk-test-enroll.h"
#include "kiosk-test-log.h"
#include "kiosk-test-server.h"
#include "kiosk-replica-sync.h"
#include "kiosk-json.h"
#include "kiosk-sync-engine.h"
#include "kiosk-transport.h"

#define SALON     "5d1f3c9a-2b7e-4c1a-9f3e-0a1b2c3d4e5f"
#define CATEGORY  "0c6f7a1e-8d2b-4e5f-a1b2-c3d4e5f60718"
#define SERVICE   "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"
#define EMPLOYEE  "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"
#define CUSTOMER  "c0ffee00-1111-4222-8333-444455556666"
#define WALKIN    "a11ce000-9999-4888-b777-666655554444"
#define CODE      "493027"

typedef struct {
  char             *dir;
  KioskTestServer  *server;
  KioskCredentials *credentials;
  char             *replica_path;
  KioskReplica     *replica;      /* the desk's own connection */
  KioskSyncEngine  *engine;
  char             *device;
  GThread          *main_thread;
  guint             off_thread;   /* notifications seen off the main thread */
  guint             n_changed;
  gboolean          saw_waiting;
  gboolean          saw_unenrolled;
  gboolean          saw_syncing;
} Fixture;

typedef enum {
  SEED_MINI,
  SEED_DEMO,
} Seed;

/* ------------------------------------------------------------- helpers */

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

static char *
tomorrow (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz ? tz : g_time_zone_new_utc ());
  g_autoptr(GDateTime) next = g_date_time_add_days (now, 1);
  return g_date_time_format (next, "%Y-%m-%d");
}

/* Runs the main context (where the server answers) until @cond holds. */
typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

static void
wait_for (Fixture       *f,
          Condition      cond,
          gconstpointer  data,
          guint          timeout_ms,
          const char    *what)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!cond (f, data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
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

static void
seed_mini (Fixture *f)
{
  g_autofree char *now = now_iso ();
  g_autofree char *walkin = NULL;

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
  server_put (f, "customer",
              "{\"id\":\"" CUSTOMER "\",\"first_name\":\"Gülşen\",\"last_name\":\"Öztürk\","
              "\"phone\":\"+905551112233\",\"loyalty_level\":\"bronze\",\"total_points\":0,"
              "\"current_points\":0,\"total_spent\":\"0.00\",\"total_visits\":0,"
              "\"updated_at\":\"2026-01-05T10:00:00+03:00\"}");
  walkin = g_strdup_printf ("{\"id\":\"" WALKIN "\",\"customer\":null,\"name\":\"İsmail Şahin\","
                            "\"phone\":\"+905559998877\",\"service\":\"" SERVICE "\","
                            "\"preferred_employee\":null,\"employee\":null,\"status\":\"waiting\","
                            "\"arrived_at\":\"%s\",\"called_at\":null,\"finished_at\":null}", now);
  server_put (f, "walkin", walkin);
}

/* Pairs the kiosk the way --enroll does: token to the Secret Service,
 * server and device to the replica's meta. */
static void
enroll (Fixture *f)
{
  const char *url = kiosk_test_server_get_uri (f->server);
  g_autoptr(KioskEnrollment) enrollment = NULL;
  g_autoptr(GError) error = NULL;

  if (f->device != NULL)
    {
      kiosk_credentials_clear_token_sync (f->credentials, url, f->device, NULL, NULL);
      g_clear_pointer (&f->device, g_free);
    }
  kiosk_test_server_add_pairing_code (f->server, CODE, 600);
  enrollment = kiosk_test_enroll_on_thread (f->server, CODE, "Ön büro 1", 10, &error);
  g_assert_no_error (error);
  g_assert_nonnull (enrollment);

  kiosk_test_enroll_save (f->credentials, f->replica, url, enrollment, &error);
  g_assert_no_error (error);
  f->device = g_strdup (enrollment->device);
}

static void
on_notify_state (KioskSyncEngine *engine,
                 GParamSpec      *pspec,
                 Fixture         *f)
{
  if (g_thread_self () != f->main_thread || !g_main_context_is_owner (g_main_context_default ()))
    f->off_thread++;
  switch (kiosk_sync_engine_get_state (engine))
    {
    case KIOSK_SYNC_STATE_WAITING:
      f->saw_waiting = TRUE;
      break;
    case KIOSK_SYNC_STATE_UNENROLLED:
      f->saw_unenrolled = TRUE;
      break;
    case KIOSK_SYNC_STATE_SYNCING:
      f->saw_syncing = TRUE;
      break;
    case KIOSK_SYNC_STATE_UP_TO_DATE:
    case KIOSK_SYNC_STATE_OFFLINE:
    case KIOSK_SYNC_STATE_NEEDS_ATTENTION:
    default:
      break;
    }
}

static void
on_notify_any (KioskSyncEngine *engine,
               GParamSpec      *pspec,
               Fixture         *f)
{
  if (g_thread_self () != f->main_thread)
    f->off_thread++;
}

static void
on_changed (KioskSyncEngine *engine,
            guint            entities,
            Fixture         *f)
{
  if (g_thread_self () != f->main_thread || !g_main_context_is_owner (g_main_context_default ()))
    f->off_thread++;
  g_assert_cmpuint (entities, !=, 0);
  g_assert_cmpuint (entities & ~KIOSK_SYNC_ALL_ENTITIES, ==, 0);
  f->n_changed++;
}

/* Short intervals: every test stays well under a few seconds. */
static void
make_engine (Fixture *f)
{
  KioskSyncTimings timings;

  f->engine = kiosk_sync_engine_new (f->replica_path, f->credentials, NULL);
  kiosk_sync_engine_get_timings (f->engine, &timings);
  timings.backoff_base_ms = 20;
  timings.backoff_cap_ms = 200;
  timings.network_return_ms = 300;
  timings.poll_interval_ms = 60 * 1000;   /* the WebSocket carries the news */
  timings.reconnect_base_ms = 100;
  timings.reconnect_cap_ms = 400;
  kiosk_sync_engine_set_timings (f->engine, &timings);
  g_signal_connect (f->engine, "notify::state", G_CALLBACK (on_notify_state), f);
  g_signal_connect (f->engine, "notify", G_CALLBACK (on_notify_any), f);
  g_signal_connect (f->engine, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  /* SEED_DEMO, or anything else (a fault for the test) on the mini salon. */
  Seed seed = data == GINT_TO_POINTER (SEED_DEMO) ? SEED_DEMO : SEED_MINI;
  g_autoptr(GError) error = NULL;
  g_autofree char *server_dir = NULL;

  /* GLib resets the fatal handler for every test case. */
  kiosk_test_log_allow_accept_race_case ();
  f->main_thread = g_thread_self ();
  f->dir = g_dir_make_tmp ("kiosk-sync-engine-XXXXXX", &error);
  g_assert_no_error (error);
  server_dir = g_build_filename (f->dir, "server", NULL);
  g_mkdir_with_parents (server_dir, 0700);
  f->server = kiosk_test_server_new (server_dir, &error);
  g_assert_no_error (error);
  kiosk_test_server_listen (f->server, 0, &error);
  g_assert_no_error (error);
  if (seed == SEED_DEMO)
    {
      kiosk_test_server_seed_demo (f->server, NULL, &error);
      g_assert_no_error (error);
    }
  else
    seed_mini (f);

  f->credentials = kiosk_credentials_new ();
  f->replica_path = g_build_filename (f->dir, "replica.db", NULL);
  f->replica = kiosk_replica_open (f->replica_path, &error);
  g_assert_no_error (error);
  enroll (f);
  make_engine (f);
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
  if (f->engine)
    kiosk_sync_engine_stop (f->engine);
  /* Let queued notifications run (they hold the engine) before the end. */
  spin (20);
  g_assert_cmpuint (f->off_thread, ==, 0);
  g_clear_object (&f->engine);
  if (f->device)
    kiosk_credentials_clear_token_sync (f->credentials, kiosk_test_server_get_uri (f->server),
                                        f->device, NULL, NULL);
  g_clear_object (&f->replica);
  g_clear_object (&f->credentials);
  g_clear_object (&f->server);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->replica_path);
  g_free (f->device);
}

/* ---------------------------------------------------------- conditions */

static gboolean
is_state (Fixture *f, gconstpointer data)
{
  return kiosk_sync_engine_get_state (f->engine) == (KioskSyncState) GPOINTER_TO_INT (data);
}

static gboolean
up_to_date (Fixture *f, gconstpointer data)
{
  return kiosk_sync_engine_get_state (f->engine) == KIOSK_SYNC_STATE_UP_TO_DATE &&
         kiosk_sync_engine_get_waiting_count (f->engine) == 0;
}

static KioskOutboxEntry *
outbox_entry (Fixture *f, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = kiosk_replica_outbox_list (f->replica, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      KioskOutboxEntry *e = g_ptr_array_index (entries, i);
      if (e->id == id)
        return g_ptr_array_steal_index (entries, i);
    }
  g_assert_not_reached ();
  return NULL;
}

typedef struct {
  gint64           id;
  KioskOutboxState state;
} EntryState;

static gboolean
entry_in_state (Fixture *f, gconstpointer data)
{
  const EntryState *want = data;
  g_autoptr(KioskOutboxEntry) e = outbox_entry (f, want->id);
  return e->state == want->state;
}

static void
wait_entry (Fixture *f, gint64 id, KioskOutboxState state, guint timeout_ms)
{
  EntryState want = { id, state };
  g_autofree char *what = g_strdup_printf ("outbox entry %" G_GINT64_FORMAT " to be %s",
                                           id, kiosk_outbox_state_to_string (state));
  wait_for (f, entry_in_state, &want, timeout_ms, what);
}

typedef struct {
  const char *entity;
  const char *id;
  const char *field;
  const char *value;   /* NULL: the row is gone */
} ServerField;

/* The replica's copy of a row, as the contract's JSON. */
static JsonObject *
replica_row (Fixture *f, KioskEntity entity, const char *id)
{
  g_autoptr(GError) error = NULL;
  gpointer record = NULL;
  JsonNode *node;
  JsonObject *object;

  switch (entity)
    {
    case KIOSK_ENTITY_CUSTOMER:
      record = kiosk_replica_get_customer (f->replica, id, &error);
      break;
    case KIOSK_ENTITY_APPOINTMENT:
      record = kiosk_replica_get_appointment (f->replica, id, &error);
      break;
    case KIOSK_ENTITY_WALKIN:
      {
        g_autoptr(GPtrArray) all = kiosk_replica_list_walkins (f->replica, &error);
        for (guint i = 0; all && i < all->len; i++)
          if (g_strcmp0 (((KioskWalkin *) g_ptr_array_index (all, i))->id, id) == 0)
            record = g_ptr_array_steal_index (all, i);
        g_clear_error (&error);
      }
      break;
    case KIOSK_ENTITY_SALON:
    case KIOSK_ENTITY_WORKING_HOURS:
    case KIOSK_ENTITY_CATEGORY:
    case KIOSK_ENTITY_SERVICE:
    case KIOSK_ENTITY_EMPLOYEE:
    case KIOSK_ENTITY_POINT_ENTRY:
    case KIOSK_ENTITY_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
  if (record == NULL)
    return NULL;
  node = kiosk_json_from_record (entity, record);
  kiosk_record_free (entity, record);
  object = json_object_ref (json_node_get_object (node));
  json_node_unref (node);
  return object;
}

static gboolean
replica_field_is (Fixture *f, gconstpointer data)
{
  const ServerField *want = data;
  g_autoptr(JsonObject) row = replica_row (f, kiosk_entity_from_string (want->entity), want->id);

  if (want->value == NULL)
    return row == NULL;
  return row != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (row, want->field, NULL), want->value) == 0;
}

static JsonObject *
server_row (Fixture *f, const char *entity, const char *id)
{
  g_autofree char *text = kiosk_test_server_get (f->server, entity, id);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL)
    return NULL;
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
server_has (Fixture *f, const char *entity, const char *id)
{
  g_autofree char *text = kiosk_test_server_get (f->server, entity, id);
  return text != NULL;
}

/* ------------------------------------------------------- desk changes */

static char *
new_uuid (void)
{
  return g_uuid_string_random ();
}

/* A customer made at the desk: the pending row and its outbox entry in
 * one transaction, as the desk does it. */
static gint64
desk_add_customer (Fixture    *f,
                   const char *id,
                   const char *first_name,
                   const char *phone)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *consent = now_iso ();
  g_autofree char *body = NULL;
  g_autoptr(KioskOutboxEntry) entry = NULL;
  KioskCustomer c = {
    .id = (char *) id, .first_name = (char *) first_name, .last_name = (char *) "Yıldırım",
    .phone = (char *) phone, .loyalty_level = KIOSK_LEVEL_BRONZE, .consent_at = consent,
    .consent_notice = (char *) "kiosk-kvkk-member-2026-1", .pending = TRUE,
  };

  body = kiosk_json_customer_create_body (&c);
  g_assert_true (kiosk_replica_begin (f->replica, &error));
  kiosk_replica_put_customer (f->replica, &c, &error);
  g_assert_no_error (error);
  kiosk_replica_outbox_add (f->replica, "customer.create", id, body, &entry, &error);
  g_assert_no_error (error);
  kiosk_replica_commit (f->replica, &error);
  g_assert_no_error (error);
  return entry->id;
}

static gint64
desk_add_appointment (Fixture    *f,
                      const char *id,
                      const char *customer,
                      const char *date,
                      int         time)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autoptr(KioskOutboxEntry) entry = NULL;
  const char *refs[] = { customer, NULL };
  KioskAppointment a = {
    .id = (char *) id, .customer = (char *) customer, .service = (char *) SERVICE,
    .employee = (char *) EMPLOYEE, .appointment_date = (char *) date, .appointment_time = time,
    .end_time = time + 30 * 60, .status = KIOSK_APPOINTMENT_CONFIRMED, .notes = (char *) "Kısa kesim",
    .price = 25000, .source = (char *) "kiosk", .pending = TRUE,
  };

  body = kiosk_json_appointment_create_body (&a);
  g_assert_true (kiosk_replica_begin (f->replica, &error));
  kiosk_replica_put_appointment (f->replica, &a, &error);
  g_assert_no_error (error);
  kiosk_replica_outbox_add_with_refs (f->replica, "appointment.create", id, body, refs, &entry, &error);
  g_assert_no_error (error);
  kiosk_replica_commit (f->replica, &error);
  g_assert_no_error (error);
  return entry->id;
}

static gint64
desk_check_in (Fixture    *f,
               const char *appointment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = now_iso ();
  g_autofree char *body = kiosk_json_check_in_body (at);
  g_autoptr(KioskOutboxEntry) entry = NULL;

  kiosk_replica_outbox_add (f->replica, "appointment.check_in", appointment, body, &entry, &error);
  g_assert_no_error (error);
  return entry->id;
}

static gint64
desk_add_walkin (Fixture    *f,
                 const char *id,
                 const char *customer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *arrived = now_iso ();
  g_autofree char *body = NULL;
  g_autoptr(KioskOutboxEntry) entry = NULL;
  const char *refs[] = { customer, NULL };
  KioskWalkin w = {
    .id = (char *) id, .customer = (char *) customer, .name = (char *) "Şule Ağaoğlu",
    .phone = (char *) "+905557776655", .service = (char *) SERVICE, .status = KIOSK_WALKIN_WAITING,
    .arrived_at = arrived, .pending = TRUE,
  };

  body = kiosk_json_walkin_create_body (&w);
  g_assert_true (kiosk_replica_begin (f->replica, &error));
  kiosk_replica_put_walkin (f->replica, &w, &error);
  g_assert_no_error (error);
  kiosk_replica_outbox_add_with_refs (f->replica, "walkin.create", id, body, customer ? refs : NULL, &entry, &error);
  g_assert_no_error (error);
  kiosk_replica_commit (f->replica, &error);
  g_assert_no_error (error);
  return entry->id;
}

static void
start_and_settle (Fixture *f)
{
  kiosk_sync_engine_start (f->engine);
  wait_for (f, up_to_date, NULL, 10000, "the first sync");
}

/* ------------------------------------------------------------------ pull */

static const char * const entity_names[] = {
  "salon", "working_hours", "category", "service", "employee",
  "customer", "appointment", "walkin", "point_entry",
};

static void
test_snapshot_equals_server (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GDateTime) since = NULL;

  start_and_settle (f);
  g_assert_true (f->saw_syncing);
  g_assert_cmpuint (f->n_changed, >, 0);
  since = kiosk_sync_engine_dup_since (f->engine);
  g_assert_nonnull (since);
  g_assert_cmpint (ABS (kiosk_sync_engine_get_clock_skew (f->engine)), <, 5 * G_USEC_PER_SEC);

  for (guint i = 0; i < G_N_ELEMENTS (entity_names); i++)
    {
      gint64 local = kiosk_replica_count (f->replica, entity_names[i], &error);
      g_assert_no_error (error);
      g_test_message ("%s: server %" G_GINT64_FORMAT ", replica %" G_GINT64_FORMAT, entity_names[i],
                      kiosk_test_server_count (f->server, entity_names[i]), local);
      g_assert_cmpint (local, ==, kiosk_test_server_count (f->server, entity_names[i]));
    }
  g_assert_cmpint (kiosk_test_server_count (f->server, "customer"), >, 5);

  /* A few rows field by field, Turkish letters included. */
  customers = kiosk_replica_list_customers (f->replica, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < MIN (customers->len, 5); i++)
    {
      KioskCustomer *c = g_ptr_array_index (customers, i);
      g_autoptr(JsonObject) remote = server_row (f, "customer", c->id);

      g_assert_nonnull (remote);
      g_assert_cmpstr (c->first_name, ==, json_object_get_string_member (remote, "first_name"));
      g_assert_cmpstr (c->last_name, ==, json_object_get_string_member (remote, "last_name"));
      g_assert_cmpstr (c->phone, ==, json_object_get_string_member (remote, "phone"));
      g_assert_false (c->pending);
      g_assert_cmpint (c->version, >, 0);
    }
  {
    g_autoptr(KioskSalon) salon = kiosk_replica_get_salon (f->replica, &error);
    g_autoptr(JsonObject) remote = server_row (f, "salon", kiosk_test_server_get_salon_id (f->server));
    g_assert_no_error (error);
    g_assert_nonnull (salon);
    g_assert_cmpstr (salon->name, ==, json_object_get_string_member (remote, "name"));
  }
  g_assert_cmpint (kiosk_replica_quarantine_count (f->replica), ==, 0);
}

/* Live nudges: a change made elsewhere arrives without polling (the poll
 * interval is a minute here), fast. */
static void
test_incremental_and_tombstone (Fixture *f, gconstpointer data)
{
  ServerField renamed = { "customer", CUSTOMER, "first_name", "Gülşah" };
  ServerField gone = { "walkin", WALKIN, NULL, NULL };
  gint64 start;
  gint64 elapsed;

  start_and_settle (f);
  g_assert_true (replica_field_is (f, &(ServerField) { "customer", CUSTOMER, "first_name", "Gülşen" }));
  g_assert_false (replica_field_is (f, &gone));
  /* Wait for the live connection before measuring. */
  while (kiosk_test_server_get_n_websockets (f->server) == 0)
    spin (10);

  start = g_get_monotonic_time ();
  server_put (f, "customer",
              "{\"id\":\"" CUSTOMER "\",\"first_name\":\"Gülşah\",\"last_name\":\"Öztürk\","
              "\"phone\":\"+905551112233\",\"loyalty_level\":\"silver\",\"total_points\":20,"
              "\"current_points\":20,\"total_spent\":\"250.00\",\"total_visits\":1,"
              "\"updated_at\":\"2026-01-06T10:00:00+03:00\"}");
  wait_for (f, replica_field_is, &renamed, 2000, "the renamed customer");
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("a server change arrived after %" G_GINT64_FORMAT " ms", elapsed / 1000);
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);

  {
    g_autoptr(GError) error = NULL;
    kiosk_test_server_delete (f->server, "walkin", WALKIN, &error);
    g_assert_no_error (error);
  }
  wait_for (f, replica_field_is, &gone, 2000, "the tombstone");
  g_assert_cmpint (kiosk_test_server_count (f->server, "walkin"), ==, 0);
}

/* How the live connection's refusals are told apart (§3.5): the window
 * the upgrades are counted over, with reconnects that would come every
 * 100–400 ms if a refusal were taken for a passing failure. */
#define REFUSAL_WINDOW_MS 3000

static void
set_refusal_timings (Fixture *f)
{
  KioskSyncTimings timings;

  kiosk_sync_engine_get_timings (f->engine, &timings);
  timings.poll_interval_ms = 300;
  timings.reconnect_base_ms = 100;
  timings.reconnect_cap_ms = 400;
  kiosk_sync_engine_set_timings (f->engine, &timings);
}

static gboolean
upgrade_tried (Fixture *f, gconstpointer data)
{
  return kiosk_test_server_get_n_upgrade_requests (f->server) > 0;
}

/* A server without nudges refuses the upgrade with 404 (no such path) or
 * 426: the engine polls the feed and leaves the socket alone for a long
 * while (10–30 min by default), instead of knocking every few seconds. */
static void
test_websocket_refused_polls (Fixture *f, gconstpointer data)
{
  guint status = GPOINTER_TO_UINT (data);
  ServerField renamed = { "customer", CUSTOMER, "first_name", "Gülay" };
  guint attempts;

  /* The refusal's back-off stays the production one. */
  set_refusal_timings (f);
  kiosk_test_server_set_refuse_upgrades (f->server, status);

  start_and_settle (f);
  wait_for (f, upgrade_tried, NULL, 3000, "the WebSocket upgrade");
  spin (REFUSAL_WINDOW_MS);
  attempts = kiosk_test_server_get_n_upgrade_requests (f->server);
  g_test_message ("HTTP %u: %u upgrade(s) in %u ms", status, attempts, REFUSAL_WINDOW_MS);
  g_assert_cmpuint (attempts, ==, 1);
  g_assert_cmpuint (kiosk_test_server_get_n_websockets (f->server), ==, 0);

  server_put (f, "customer",
              "{\"id\":\"" CUSTOMER "\",\"first_name\":\"Gülay\",\"last_name\":\"Öztürk\","
              "\"phone\":\"+905551112233\",\"loyalty_level\":\"bronze\",\"total_points\":0,"
              "\"current_points\":0,\"total_spent\":\"0.00\",\"total_visits\":0,"
              "\"updated_at\":\"2026-01-06T10:00:00+03:00\"}");
  /* 300 ms ± 20 % polling; no WebSocket meanwhile. */
  wait_for (f, replica_field_is, &renamed, 1500, "the change, by polling");
  g_assert_cmpuint (kiosk_test_server_get_n_websockets (f->server), ==, 0);
  g_assert_cmpuint (kiosk_test_server_get_n_upgrade_requests (f->server), ==, 1);
}

/* A failing server (503) is no such answer: the socket is tried again
 * with the short back-off, and connects once the server is well. */
static void
test_websocket_failing_retries (Fixture *f, gconstpointer data)
{
  guint attempts;

  set_refusal_timings (f);
  kiosk_test_server_set_refuse_upgrades (f->server, 503);

  start_and_settle (f);
  wait_for (f, upgrade_tried, NULL, 3000, "the WebSocket upgrade");
  spin (REFUSAL_WINDOW_MS);
  attempts = kiosk_test_server_get_n_upgrade_requests (f->server);
  g_test_message ("HTTP 503: %u upgrades in %u ms", attempts, REFUSAL_WINDOW_MS);
  g_assert_cmpuint (attempts, >=, 3);

  kiosk_test_server_set_refuse_upgrades (f->server, 0);
  while (kiosk_test_server_get_n_websockets (f->server) == 0)
    spin (10);
}

/* 410: a snapshot resync that drops what the server lost and keeps what
 * the desk has not uploaded yet. */
static void
test_cursor_expired_resyncs (Fixture *f, gconstpointer data)
{
  KioskFault unavailable = { .kind = KIOSK_FAULT_STATUS, .status = 503 };
  g_autofree char *mine = new_uuid ();
  ServerField walkin_gone = { "walkin", WALKIN, NULL, NULL };
  ServerField kept = { "customer", NULL, "first_name", "Çağrı" };
  g_autoptr(GError) error = NULL;
  gint64 entry;

  start_and_settle (f);
  kiosk_sync_engine_stop (f->engine);

  /* While the kiosk is off: the server forgets its log, and a row goes. */
  kiosk_test_server_delete (f->server, "walkin", WALKIN, &error);
  g_assert_no_error (error);
  kiosk_test_server_trim_log (f->server);
  entry = desk_add_customer (f, mine, "Çağrı", "+905321234567");
  /* The upload fails for a while, so the resync runs with it pending. */
  for (guint i = 0; i < 3; i++)
    kiosk_test_server_push_fault (f->server, "POST", "/api/kiosk/v1/customers/", &unavailable);

  f->saw_syncing = FALSE;
  kiosk_sync_engine_start (f->engine);
  wait_for (f, replica_field_is, &walkin_gone, 5000, "the snapshot to drop the lost walk-in");
  kept.id = mine;
  g_assert_true (replica_field_is (f, &kept));
  g_assert_true (f->saw_syncing);

  wait_entry (f, entry, KIOSK_OUTBOX_DONE, 5000);
  wait_for (f, up_to_date, NULL, 5000, "up to date");
  g_assert_true (server_has (f, "customer", mine));
  g_assert_true (replica_field_is (f, &kept));
  for (guint i = 0; i < G_N_ELEMENTS (entity_names); i++)
    g_assert_cmpint (kiosk_replica_count (f->replica, entity_names[i], NULL), ==,
                     kiosk_test_server_count (f->server, entity_names[i]));
}

/* An invalid record is quarantined; the rest of its page applies. */
static void
test_invalid_record_quarantined (Fixture *f, gconstpointer data)
{
  ServerField renamed = { "customer", CUSTOMER, "first_name", "Gülseren" };
  g_autoptr(GError) error = NULL;

  start_and_settle (f);
  kiosk_sync_engine_stop (f->engine);
  /* Three decimals of lira: not money. */
  server_put (f, "service",
              "{\"id\":\"" SERVICE "\",\"category\":\"" CATEGORY "\",\"name\":\"Saç kesimi\","
              "\"description\":\"\",\"price\":\"250.125\",\"duration\":30,\"is_active\":true}");
  server_put (f, "customer",
              "{\"id\":\"" CUSTOMER "\",\"first_name\":\"Gülseren\",\"last_name\":\"Öztürk\","
              "\"phone\":\"+905551112233\",\"loyalty_level\":\"bronze\",\"total_points\":0,"
              "\"current_points\":0,\"total_spent\":\"0.00\",\"total_visits\":0,"
              "\"updated_at\":\"2026-01-06T10:00:00+03:00\"}");
  kiosk_sync_engine_start (f->engine);
  wait_for (f, replica_field_is, &renamed, 5000, "the valid change of the page");
  wait_for (f, up_to_date, NULL, 5000, "up to date");
  g_assert_cmpint (kiosk_replica_quarantine_count (f->replica), ==, 1);
  {
    g_autoptr(GPtrArray) services = kiosk_replica_list_services (f->replica, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (services->len, ==, 1);
    g_assert_cmpint (((KioskService *) g_ptr_array_index (services, 0))->price, ==, 25000);
  }
}

/* ------------------------------------------------------------------ push */

static void
test_desk_change_once (Fixture *f, gconstpointer data)
{
  g_autofree char *id = new_uuid ();
  g_autoptr(KioskOutboxEntry) done = NULL;
  g_autoptr(JsonObject) remote = NULL;
  gint64 before = kiosk_test_server_count (f->server, "customer");
  gint64 entry;

  start_and_settle (f);
  entry = desk_add_customer (f, id, "Şükrü", "+905301112244");
  kiosk_sync_engine_nudge (f->engine);
  wait_entry (f, entry, KIOSK_OUTBOX_DONE, 5000);
  wait_for (f, up_to_date, NULL, 5000, "up to date");

  g_assert_cmpint (kiosk_test_server_count (f->server, "customer"), ==, before + 1);
  remote = server_row (f, "customer", id);
  g_assert_nonnull (remote);
  g_assert_cmpstr (json_object_get_string_member (remote, "first_name"), ==, "Şükrü");
  done = outbox_entry (f, entry);
  g_assert_cmpint (done->last_status, ==, 201);
  g_assert_cmpint (done->attempts, ==, 1);
  {
    g_autoptr(KioskCustomer) local = kiosk_replica_get_customer (f->replica, id, NULL);
    g_assert_nonnull (local);
    g_assert_false (local->pending);
  }
  g_assert_cmpuint (kiosk_sync_engine_get_waiting_count (f->engine), ==, 0);
}

/* The same key on every retry: whatever broke, the server ends up with
 * exactly one row and the entry is done. */
static void
test_retry_same_key (Fixture *f, gconstpointer data)
{
  const KioskFault *fault = data;
  g_autofree char *id = new_uuid ();
  g_autoptr(KioskOutboxEntry) done = NULL;
  gint64 before = kiosk_test_server_count (f->server, "customer");
  gint64 entry;

  start_and_settle (f);
  kiosk_test_server_push_fault (f->server, "POST", "/api/kiosk/v1/customers/", fault);
  entry = desk_add_customer (f, id, "İlknur", "+905301112255");
  kiosk_sync_engine_nudge (f->engine);
  wait_entry (f, entry, KIOSK_OUTBOX_DONE, 5000);

  g_assert_cmpuint (kiosk_test_server_get_n_faults (f->server), ==, 0);
  g_assert_cmpint (kiosk_test_server_count (f->server, "customer"), ==, before + 1);
  g_assert_true (server_has (f, "customer", id));
  done = outbox_entry (f, entry);
  g_assert_cmpint (done->attempts, >=, 2);
  g_assert_cmpint (done->last_status, ==, 201);
  wait_for (f, up_to_date, NULL, 5000, "up to date");
}

static void
test_throttled_waits (Fixture *f, gconstpointer data)
{
  /* Two seconds: long enough that the main thread sees the state even
   * when the machine is slow (the engine publishes the latest state only). */
  KioskFault throttle = { .kind = KIOSK_FAULT_STATUS, .status = 429, .retry_after = 2 };
  g_autofree char *id = new_uuid ();
  g_autoptr(GDateTime) next = NULL;
  gint64 entry;
  gint64 start;

  start_and_settle (f);
  kiosk_test_server_push_fault (f->server, "POST", "/api/kiosk/v1/customers/", &throttle);
  entry = desk_add_customer (f, id, "Özge", "+905301112266");
  start = g_get_monotonic_time ();
  kiosk_sync_engine_nudge (f->engine);
  wait_for (f, is_state, GINT_TO_POINTER (KIOSK_SYNC_STATE_WAITING), 5000, "waiting");
  next = kiosk_sync_engine_dup_next_attempt (f->engine);
  g_assert_nonnull (next);
  wait_entry (f, entry, KIOSK_OUTBOX_DONE, 8000);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1950 * 1000);
  g_assert_cmpint (kiosk_test_server_count (f->server, "customer"), ==, 2);
  wait_for (f, up_to_date, NULL, 3000, "up to date");
}

/* slot_taken: refused with the server's reason; the check-in of that
 * appointment is held; an unrelated change still goes. */
static void
test_refusal_holds_dependents_only (Fixture *f, gconstpointer data)
{
  g_autofree char *date = tomorrow ();
  g_autofree char *taken = NULL;
  g_autofree char *other = new_uuid ();
  g_autofree char *mine = new_uuid ();
  g_autofree char *unrelated = new_uuid ();
  g_autoptr(KioskOutboxEntry) refused = NULL;
  gint64 create, check_in, after;

  start_and_settle (f);
  /* Someone else has the employee at 10:00 tomorrow. */
  taken = g_strdup_printf ("{\"id\":\"%s\",\"customer\":\"" CUSTOMER "\",\"service\":\"" SERVICE "\","
                           "\"employee\":\"" EMPLOYEE "\",\"appointment_date\":\"%s\","
                           "\"appointment_time\":\"10:00:00\",\"end_time\":\"10:30:00\","
                           "\"status\":\"confirmed\",\"notes\":\"\",\"price\":\"250.00\","
                           "\"source\":\"app\",\"checked_in_at\":null,"
                           "\"created_at\":\"2026-01-05T10:00:00+03:00\","
                           "\"updated_at\":\"2026-01-05T10:00:00+03:00\"}", other, date);
  server_put (f, "appointment", taken);

  kiosk_sync_engine_stop (f->engine);
  create = desk_add_appointment (f, mine, CUSTOMER, date, 10 * 3600);
  check_in = desk_check_in (f, mine);
  after = desk_add_customer (f, unrelated, "Ümran", "+905301112277");
  kiosk_sync_engine_start (f->engine);

  wait_entry (f, after, KIOSK_OUTBOX_DONE, 5000);
  wait_entry (f, create, KIOSK_OUTBOX_REFUSED, 5000);
  wait_entry (f, check_in, KIOSK_OUTBOX_HELD, 5000);
  wait_for (f, is_state, GINT_TO_POINTER (KIOSK_SYNC_STATE_NEEDS_ATTENTION), 3000, "needs attention");
  g_assert_cmpuint (kiosk_sync_engine_get_refused_count (f->engine), ==, 1);

  refused = outbox_entry (f, create);
  g_assert_cmpint (refused->last_status, ==, 409);
  g_assert_nonnull (refused->last_reason);
  g_assert_cmpstr (refused->last_reason, !=, "");
  g_assert_false (server_has (f, "appointment", mine));
  g_assert_true (server_has (f, "customer", unrelated));
  /* Nothing dropped: the desk's row is still there, pending. */
  {
    g_autoptr(KioskAppointment) local = kiosk_replica_get_appointment (f->replica, mine, NULL);
    g_assert_nonnull (local);
    g_assert_true (local->pending);
  }
}

/* phone_exists: the walk-in made for the desk's new customer goes to the
 * customer the server already has. */
static void
test_phone_exists_repoints (Fixture *f, gconstpointer data)
{
  g_autofree char *dup = new_uuid ();
  g_autofree char *walkin = new_uuid ();
  g_autoptr(JsonObject) remote = NULL;
  gint64 create, visit;

  start_and_settle (f);
  kiosk_sync_engine_stop (f->engine);
  create = desk_add_customer (f, dup, "Gülşen", "+905551112233");
  visit = desk_add_walkin (f, walkin, dup);
  kiosk_sync_engine_start (f->engine);

  wait_entry (f, create, KIOSK_OUTBOX_DONE, 5000);
  wait_entry (f, visit, KIOSK_OUTBOX_DONE, 5000);
  remote = server_row (f, "walkin", walkin);
  g_assert_nonnull (remote);
  g_assert_cmpstr (json_object_get_string_member (remote, "customer"), ==, CUSTOMER);
  g_assert_false (server_has (f, "customer", dup));
  g_assert_cmpint (kiosk_test_server_count (f->server, "customer"), ==, 1);
  wait_for (f, up_to_date, NULL, 5000, "up to date");
  g_assert_true (replica_field_is (f, &(ServerField) { "walkin", walkin, "customer", CUSTOMER }));
  g_assert_true (replica_field_is (f, &(ServerField) { "customer", dup, NULL, NULL }));
  g_assert_true (replica_field_is (f, &(ServerField) { "customer", CUSTOMER, "first_name", "Gülşen" }));
}

/* 401: unenrolled, nothing dropped, desk changes do not bring it back;
 * after pairing again it goes. */
static void
test_unauthorized_keeps_everything (Fixture *f, gconstpointer data)
{
  KioskFault unauthorized = { .kind = KIOSK_FAULT_STATUS, .status = 401 };
  g_autofree char *id = new_uuid ();
  g_autoptr(KioskOutboxEntry) kept = NULL;
  gint64 entry;

  start_and_settle (f);
  kiosk_test_server_push_fault (f->server, "POST", "/api/kiosk/v1/customers/", &unauthorized);
  entry = desk_add_customer (f, id, "Çiğdem", "+905301112288");
  kiosk_sync_engine_nudge (f->engine);
  wait_for (f, is_state, GINT_TO_POINTER (KIOSK_SYNC_STATE_UNENROLLED), 3000, "unenrolled");
  g_assert_nonnull (kiosk_sync_engine_get_reason (f->engine));
  {
    /* Recorded for --status and the next start: when, and the server's why. */
    g_autofree char *at = NULL;
    g_autofree char *why = NULL;
    g_autoptr(GDateTime) when = NULL;

    g_assert_true (kiosk_replica_get_revoked (f->replica, NULL, &at, &why));
    when = g_date_time_new_from_iso8601 (at, NULL);
    g_assert_nonnull (when);
    g_assert_nonnull (strstr (why, "401"));
    g_assert_nonnull (strstr (why, "Geçersiz token."));
  }

  /* It stays so, desk changes or not: no more uploads, nothing lost. */
  kiosk_sync_engine_nudge (f->engine);
  spin (300);
  g_assert_cmpint (kiosk_sync_engine_get_state (f->engine), ==, KIOSK_SYNC_STATE_UNENROLLED);
  kept = outbox_entry (f, entry);
  g_assert_cmpint (kept->state, ==, KIOSK_OUTBOX_PENDING);
  g_assert_false (server_has (f, "customer", id));
  g_assert_cmpuint (kiosk_sync_engine_get_waiting_count (f->engine), ==, 1);

  enroll (f);
  /* Another device: the old one's refusal does not stick to it. */
  g_assert_false (kiosk_replica_get_revoked (f->replica, NULL, NULL, NULL));
  kiosk_sync_engine_nudge (f->engine);
  wait_entry (f, entry, KIOSK_OUTBOX_DONE, 5000);
  g_assert_true (server_has (f, "customer", id));
}

static gboolean
revocation_forgotten (Fixture *f, gconstpointer data)
{
  return !kiosk_replica_get_revoked (f->replica, NULL, NULL, NULL);
}

static gboolean
revocation_recorded (Fixture *f, gconstpointer data)
{
  return kiosk_replica_get_revoked (f->replica, NULL, NULL, NULL) &&
         kiosk_test_server_get_n_faults (f->server) == 0;
}

/* A 401 by mistake (the server accepts the same token again): the record
 * of the refusal goes at the next good sync, here after a restart. */
static void
test_refusal_forgotten_when_accepted (Fixture *f, gconstpointer data)
{
  KioskFault unauthorized = { .kind = KIOSK_FAULT_STATUS, .status = 401 };
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;

  kiosk_test_server_push_fault (f->server, "GET", "/api/kiosk/v1/changes/", &unauthorized);
  kiosk_sync_engine_start (f->engine);
  wait_for (f, revocation_recorded, NULL, 3000, "the refusal recorded");
  g_assert_true (kiosk_replica_get_revoked (f->replica, NULL, &first, NULL));
  kiosk_sync_engine_stop (f->engine);
  g_clear_object (&f->engine);

  /* Refused again at the next start: the first time is kept. */
  g_usleep (1100 * 1000);
  kiosk_test_server_push_fault (f->server, "GET", "/api/kiosk/v1/changes/", &unauthorized);
  make_engine (f);
  kiosk_sync_engine_start (f->engine);
  /* The fault is used, then the engine stops there. */
  wait_for (f, revocation_recorded, NULL, 3000, "the second refusal");
  spin (200);
  g_assert_cmpint (kiosk_sync_engine_get_state (f->engine), ==, KIOSK_SYNC_STATE_UNENROLLED);
  g_assert_true (kiosk_replica_get_revoked (f->replica, NULL, &again, NULL));
  g_assert_cmpstr (again, ==, first);
  kiosk_sync_engine_stop (f->engine);
  g_clear_object (&f->engine);

  make_engine (f);
  start_and_settle (f);
  wait_for (f, revocation_forgotten, NULL, 3000, "the refusal forgotten");
}

/* Without a token nothing is uploaded and the engine says why. */
static void
test_no_token (Fixture *f, gconstpointer data)
{
  g_autofree char *id = new_uuid ();
  g_autoptr(GError) error = NULL;
  gint64 entry;

  kiosk_credentials_clear_token_sync (f->credentials, kiosk_test_server_get_uri (f->server),
                                      f->device, NULL, &error);
  g_assert_no_error (error);
  entry = desk_add_customer (f, id, "Ayşegül", "+905301112299");
  kiosk_sync_engine_start (f->engine);
  wait_for (f, is_state, GINT_TO_POINTER (KIOSK_SYNC_STATE_UNENROLLED), 3000, "unenrolled");
  spin (100);
  g_assert_nonnull (kiosk_sync_engine_get_reason (f->engine));
  {
    g_autoptr(KioskOutboxEntry) kept = outbox_entry (f, entry);
    g_assert_cmpint (kept->state, ==, KIOSK_OUTBOX_PENDING);
  }
  g_assert_false (server_has (f, "customer", id));
}

static gboolean
has_reason (Fixture *f, gconstpointer data)
{
  return kiosk_sync_engine_get_reason (f->engine) != NULL;
}

/* No secret store answers (no session bus at all): the engine says so,
 * uploads nothing and drops nothing; --sync-once fails as local trouble. */
static void
test_no_secret_store (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskOutboxEntry) kept = NULL;
  g_autofree char *id = new_uuid ();
  gint64 entry;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/salonity-kiosk-test-bus", TRUE);
  kiosk_test_log_allow_accept_race_case ();
  f->main_thread = g_thread_self ();
  f->dir = g_dir_make_tmp ("kiosk-sync-engine-XXXXXX", &error);
  g_assert_no_error (error);
  f->replica_path = g_build_filename (f->dir, "replica.db", NULL);
  f->replica = kiosk_replica_open (f->replica_path, &error);
  g_assert_no_error (error);
  kiosk_replica_set_meta (f->replica, KIOSK_META_SERVER_URL, "http://127.0.0.1:9", &error);
  g_assert_no_error (error);
  kiosk_replica_set_meta (f->replica, KIOSK_META_DEVICE, "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b", &error);
  g_assert_no_error (error);
  entry = desk_add_customer (f, id, "Nurşen", "+905301112233");
  f->credentials = kiosk_credentials_new ();
  make_engine (f);

  g_assert_cmpint (kiosk_sync_engine_run_once (f->engine, NULL, &error), ==, KIOSK_SYNC_ONCE_FAILED);
  g_assert_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_cmpint (kiosk_sync_engine_get_state (f->engine), ==, KIOSK_SYNC_STATE_UNENROLLED);
  g_assert_nonnull (kiosk_sync_engine_get_reason (f->engine));
  g_assert_cmpuint (kiosk_sync_engine_get_waiting_count (f->engine), ==, 1);

  /* The thread too; the reason is cleared first to see it come again. */
  g_clear_object (&f->engine);
  make_engine (f);
  kiosk_sync_engine_start (f->engine);
  wait_for (f, has_reason, NULL, 5000, "the reason");
  g_assert_cmpint (kiosk_sync_engine_get_state (f->engine), ==, KIOSK_SYNC_STATE_UNENROLLED);
  kept = outbox_entry (f, entry);
  g_assert_cmpint (kept->state, ==, KIOSK_OUTBOX_PENDING);
  g_assert_cmpint (kept->attempts, ==, 0);

  kiosk_sync_engine_stop (f->engine);
  spin (20);
  g_assert_cmpuint (f->off_thread, ==, 0);
  g_clear_object (&f->engine);
  g_clear_object (&f->replica);
  g_clear_object (&f->credentials);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->replica_path);
}

/* ------------------------------------------------------- network return */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

static void test_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

enum { MON_PROP_0, MON_PROP_AVAILABLE, MON_PROP_METERED, MON_PROP_CONNECTIVITY };

static void
test_monitor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MON_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MON_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MON_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
test_monitor_can_reach (GNetworkMonitor *monitor, GSocketConnectable *connectable,
                        GCancellable *cancellable, GError **error)
{
  return TRUE;
}

static gboolean
test_monitor_initable (GInitable *initable, GCancellable *cancellable, GError **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_monitor_can_reach;
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MON_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MON_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MON_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

static void
test_monitor_set (TestMonitor *self, gboolean available)
{
  self->available = available;
  g_signal_emit_by_name (self, "network-changed", available);
}

/* After an outage the first retry comes within the (random) spread, not
 * after the long back-off the failures built up. */
static void
test_network_return_spreads_retry (Fixture *f, gconstpointer data)
{
  KioskFault unavailable = { .kind = KIOSK_FAULT_STATUS, .status = 503 };
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autofree char *id = new_uuid ();
  KioskSyncTimings timings;
  gint64 entry;
  gint64 start;

  kiosk_sync_engine_get_timings (f->engine, &timings);
  timings.backoff_base_ms = 60 * 1000;
  timings.backoff_cap_ms = 60 * 1000;
  timings.network_return_ms = 300;
  kiosk_sync_engine_set_timings (f->engine, &timings);
  kiosk_sync_engine_set_network_monitor (f->engine, G_NETWORK_MONITOR (monitor));

  start_and_settle (f);
  kiosk_test_server_push_fault (f->server, "POST", "/api/kiosk/v1/customers/", &unavailable);
  entry = desk_add_customer (f, id, "Gökçe", "+905301112200");
  kiosk_sync_engine_nudge (f->engine);
  wait_for (f, is_state, GINT_TO_POINTER (KIOSK_SYNC_STATE_WAITING), 3000, "waiting after a 503");
  {
    /* The back-off is long (up to a minute). */
    g_autoptr(KioskOutboxEntry) e = outbox_entry (f, entry);
    g_assert_cmpint (e->state, ==, KIOSK_OUTBOX_PENDING);
    g_assert_cmpint (e->last_status, ==, 503);
  }

  test_monitor_set (monitor, FALSE);
  test_monitor_set (monitor, TRUE);
  start = g_get_monotonic_time ();
  wait_entry (f, entry, KIOSK_OUTBOX_DONE, 3000);
  g_test_message ("sent %" G_GINT64_FORMAT " ms after the network returned",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1500 * 1000);
}

/* ------------------------------------------------------------- run once */

typedef struct {
  KioskSyncEngine     *engine;
  KioskSyncOnceResult  result;
  GError              *error;
  gint                 done;
} OnceCall;

static gpointer
once_thread (gpointer data)
{
  OnceCall *call = data;

  call->result = kiosk_sync_engine_run_once (call->engine, NULL, &call->error);
  g_atomic_int_set (&call->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

static gboolean
once_done (Fixture *f, gconstpointer data)
{
  return g_atomic_int_get (&((OnceCall *) data)->done) != 0;
}

static KioskSyncOnceResult
run_once (Fixture *f, GError **error)
{
  OnceCall call = { f->engine };
  GThread *thread = g_thread_new ("once", once_thread, &call);

  wait_for (f, once_done, &call, 10000, "run_once");
  g_thread_join (thread);
  spin (10);
  if (call.error)
    g_propagate_error (error, call.error);
  return call.result;
}

static void
test_run_once (Fixture *f, gconstpointer data)
{
  KioskFault unavailable = { .kind = KIOSK_FAULT_STATUS, .status = 503 };
  g_autofree char *id = new_uuid ();
  g_autofree char *date = tomorrow ();
  g_autofree char *mine = new_uuid ();
  g_autoptr(GError) error = NULL;
  gint64 entry;

  entry = desk_add_customer (f, id, "Sevgül", "+905301112211");
  g_assert_cmpint (run_once (f, &error), ==, KIOSK_SYNC_ONCE_UP_TO_DATE);
  g_assert_no_error (error);
  g_assert_true (server_has (f, "customer", id));
  {
    g_autoptr(KioskOutboxEntry) e = outbox_entry (f, entry);
    g_assert_cmpint (e->state, ==, KIOSK_OUTBOX_DONE);
  }
  g_assert_cmpint (kiosk_replica_count (f->replica, "service", NULL), ==, 1);
  g_assert_true (f->off_thread == 0);
  g_assert_cmpint (kiosk_sync_engine_get_state (f->engine), ==, KIOSK_SYNC_STATE_UP_TO_DATE);

  /* Failing server: unreachable, with a reason. */
  kiosk_test_server_push_fault (f->server, "GET", "/api/kiosk/v1/changes/", &unavailable);
  g_assert_cmpint (run_once (f, &error), ==, KIOSK_SYNC_ONCE_UNREACHABLE);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A refusal: up to date otherwise, but staff must look. */
  desk_add_appointment (f, mine, CUSTOMER, date, 23 * 3600);   /* after closing */
  g_assert_cmpint (run_once (f, &error), ==, KIOSK_SYNC_ONCE_REFUSED);
  g_assert_no_error (error);

  /* No token: unenrolled. */
  kiosk_credentials_clear_token_sync (f->credentials, kiosk_test_server_get_uri (f->server),
                                      f->device, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_once (f, &error), ==, KIOSK_SYNC_ONCE_UNENROLLED);
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  static const KioskFault status_500 = { .kind = KIOSK_FAULT_STATUS, .status = 500 };
  static const KioskFault reset = { .kind = KIOSK_FAULT_RESET };
  static const KioskFault commit_drop = { .kind = KIOSK_FAULT_COMMIT_THEN_DROP };
  static const KioskFault malformed = { .kind = KIOSK_FAULT_MALFORMED_JSON };
  static const KioskFault truncated = { .kind = KIOSK_FAULT_TRUNCATED_JSON };
  static const KioskFault status_502 = { .kind = KIOSK_FAULT_STATUS, .status = 502 };

  g_test_init (&argc, &argv, NULL);
  kiosk_test_log_allow_accept_race ();

#define ADD(path, seed, func) \
  g_test_add ("/sync-engine/" path, Fixture, GINT_TO_POINTER (seed), fixture_setup, func, fixture_teardown)

  ADD ("pull/snapshot-equals-server", SEED_DEMO, test_snapshot_equals_server);
  ADD ("pull/incremental-and-tombstone-by-nudge", SEED_MINI, test_incremental_and_tombstone);
  g_test_add ("/sync-engine/pull/websocket-404-polls", Fixture, GUINT_TO_POINTER (404),
              fixture_setup, test_websocket_refused_polls, fixture_teardown);
  g_test_add ("/sync-engine/pull/websocket-426-polls", Fixture, GUINT_TO_POINTER (426),
              fixture_setup, test_websocket_refused_polls, fixture_teardown);
  ADD ("pull/websocket-503-retries", SEED_MINI, test_websocket_failing_retries);
  ADD ("pull/cursor-expired-resyncs", SEED_MINI, test_cursor_expired_resyncs);
  ADD ("pull/invalid-record-quarantined", SEED_MINI, test_invalid_record_quarantined);
  ADD ("push/desk-change-once", SEED_MINI, test_desk_change_once);
  g_test_add ("/sync-engine/push/retry-after-500", Fixture, &status_500, fixture_setup, test_retry_same_key, fixture_teardown);
  g_test_add ("/sync-engine/push/retry-after-502", Fixture, &status_502, fixture_setup, test_retry_same_key, fixture_teardown);
  g_test_add ("/sync-engine/push/retry-after-reset", Fixture, &reset, fixture_setup, test_retry_same_key, fixture_teardown);
  g_test_add ("/sync-engine/push/retry-after-commit-then-drop", Fixture, &commit_drop, fixture_setup, test_retry_same_key, fixture_teardown);
  g_test_add ("/sync-engine/push/retry-after-malformed-2xx", Fixture, &malformed, fixture_setup, test_retry_same_key, fixture_teardown);
  g_test_add ("/sync-engine/push/retry-after-truncated-2xx", Fixture, &truncated, fixture_setup, test_retry_same_key, fixture_teardown);
  ADD ("push/throttled-waits-retry-after", SEED_MINI, test_throttled_waits);
  ADD ("push/refusal-holds-dependents-only", SEED_MINI, test_refusal_holds_dependents_only);
  ADD ("push/phone-exists-repoints", SEED_MINI, test_phone_exists_repoints);
  ADD ("push/unauthorized-keeps-everything", SEED_MINI, test_unauthorized_keeps_everything);
  ADD ("push/refusal-forgotten-when-accepted", SEED_MINI, test_refusal_forgotten_when_accepted);
  ADD ("push/no-token", SEED_MINI, test_no_token);
  g_test_add_func ("/sync-engine/push/no-secret-store", test_no_secret_store);
  ADD ("push/network-return-spreads-retry", SEED_MINI, test_network_return_spreads_retry);
  ADD ("run-once", SEED_MINI, test_run_once);

  return g_test_run ();
}

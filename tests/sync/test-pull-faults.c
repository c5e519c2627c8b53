/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The pull side (GET /changes/: snapshot pages and live pages) against
 * every scripted fault of the contract test server. For each fault:
 *
 *  1. a one-shot sync meets the fault on the snapshot's second page: it
 *     stops, and the replica holds exactly the first page (its rows and its
 *     cursor, nothing of the second: no half page);
 *  2. the next one-shot sync asks only for the pages left (no page fetched,
 *     hence applied, twice) and ends with the replica equal to the server;
 *  3. the threaded engine meets the same fault on a live page and recovers
 *     by itself, again ending equal to the server.
 *
 * "Equal" compares --dump-replica lines: the replica's rows dumped as the
 * command does, against the server's own snapshot fetched by the test and
 * dumped in the same format.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kiosk-test-enroll.h"
#include "kiosk-test-log.h"
#include "kiosk-test-server.h"
#include "kiosk-test-server-private.h"
#include "kiosk-replica-sync.h"
#include "kiosk-json.h"
#include "kiosk-sync-engine.h"
#include "kiosk-transport.h"

#define SALON       "5d1f3c9a-2b7e-4c1a-9f3e-0a1b2c3d4e5f"
#define CATEGORY    "0c6f7a1e-8d2b-4e5f-a1b2-c3d4e5f60718"
#define SERVICE     "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"
#define EMPLOYEE    "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b"
#define CODE        "493027"
#define N_CUSTOMERS 2300     /* with the engine's 1000 a page: three pages */
#define CHANGES     "/api/kiosk/v1/changes/"

typedef struct {
  char             *dir;
  KioskTestServer  *server;
  KioskCredentials *credentials;
  char             *replica_path;
  KioskReplica     *replica;
  KioskSyncEngine  *engine;
  char             *device;
  char             *token;
  gboolean          saw_waiting;
  gboolean          saw_unenrolled;
  gboolean          saw_next_attempt;
} Fixture;

/* ------------------------------------------------------------- helpers */

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
        g_usleep (1000);
    }
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

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
customer_json (guint       i,
               const char *first_name)
{
  return g_strdup_printf ("{\"id\":\"c0000000-0000-4000-8000-%012u\",\"first_name\":\"%s\","
                          "\"last_name\":\"Öztürk %u\",\"phone\":\"+90555%07u\",\"loyalty_level\":\"bronze\","
                          "\"total_points\":%u,\"current_points\":%u,\"total_spent\":\"%u.50\","
                          "\"total_visits\":%u,\"updated_at\":\"2026-01-05T10:00:00+03:00\"}",
                          i, first_name, i, i, i % 50, i % 50, i % 900, i % 7);
}

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

  kiosk_test_server_begin_bulk (f->server);
  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      g_autofree char *json = customer_json (i, i % 2 ? "Gülşen" : "İsmail");
      g_autoptr(JsonNode) node = json_from_string (json, NULL);

      g_assert_cmpint (kiosk_test_server_put_object (f->server, "customer", json_node_get_object (node)), >, 0);
    }
  kiosk_test_server_end_bulk (f->server, TRUE);
}

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
  g_free (f->token);
  f->token = g_strdup (enrollment->token);
}

static void
on_notify_state (KioskSyncEngine *engine,
                 GParamSpec      *pspec,
                 Fixture         *f)
{
  KioskSyncState state = kiosk_sync_engine_get_state (engine);

  if (state == KIOSK_SYNC_STATE_WAITING || state == KIOSK_SYNC_STATE_OFFLINE)
    {
      g_autoptr(GDateTime) next = kiosk_sync_engine_dup_next_attempt (engine);

      f->saw_waiting = TRUE;
      f->saw_next_attempt |= next != NULL;
    }
  if (state == KIOSK_SYNC_STATE_UNENROLLED)
    f->saw_unenrolled = TRUE;
}

static gboolean fatal_log_handler (const char *log_domain, GLogLevelFlags log_level,
                                   const char *message, gpointer user_data);

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server_dir = NULL;
  KioskSyncTimings timings;

  g_test_log_set_fatal_handler (fatal_log_handler, NULL);
  f->dir = g_dir_make_tmp ("kiosk-pull-faults-XXXXXX", &error);
  g_assert_no_error (error);
  server_dir = g_build_filename (f->dir, "server", NULL);
  g_mkdir_with_parents (server_dir, 0700);
  f->server = kiosk_test_server_new (server_dir, &error);
  g_assert_no_error (error);
  kiosk_test_server_listen (f->server, 0, &error);
  g_assert_no_error (error);
  seed (f);

  f->credentials = kiosk_credentials_new ();
  f->replica_path = g_build_filename (f->dir, "replica.db", NULL);
  f->replica = kiosk_replica_open (f->replica_path, &error);
  g_assert_no_error (error);
  enroll (f);

  f->engine = kiosk_sync_engine_new (f->replica_path, f->credentials, NULL);
  kiosk_sync_engine_get_timings (f->engine, &timings);
  timings.backoff_base_ms = 20;
  timings.backoff_cap_ms = 200;
  timings.network_return_ms = 300;
  timings.poll_interval_ms = 60 * 1000;   /* the WebSocket carries the news */
  timings.reconnect_base_ms = 100;
  timings.reconnect_cap_ms = 400;
  timings.request_timeout_s = 1;          /* a slow reply outlasts it */
  kiosk_sync_engine_set_timings (f->engine, &timings);
  g_signal_connect (f->engine, "notify::state", G_CALLBACK (on_notify_state), f);
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
  spin (20);
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
  g_free (f->token);
}

/* ------------------------------------------------ the server's snapshot */

typedef struct {
  Fixture    *f;
  GPtrArray  *cursors;   /* after each page */
  GArray     *sizes;     /* changes in each page */
  GHashTable *rows;      /* "entity\tid" -> dump line */
  GError     *error;
  gboolean    done;
} Snapshot;

static gpointer
snapshot_thread (gpointer data)
{
  Snapshot *s = data;
  g_autoptr(SoupSession) session = kiosk_transport_new_session (NULL, &s->error);
  g_autofree char *cursor = NULL;
  g_autofree char *auth = g_strconcat ("Token ", s->f->token, NULL);

  for (;;)
    {
      g_autofree char *url = NULL;
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(KioskFeedPage) page = NULL;
      gsize len = 0;
      const char *text;

      if (cursor == NULL)
        url = g_strconcat (kiosk_test_server_get_uri (s->f->server), CHANGES "?limit=1000", NULL);
      else
        {
          g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
          url = g_strconcat (kiosk_test_server_get_uri (s->f->server), CHANGES "?limit=1000&since=", escaped, NULL);
        }
      msg = soup_message_new ("GET", url);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      body = soup_session_send_and_read (session, msg, NULL, &s->error);
      if (body == NULL)
        break;
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      text = g_bytes_get_data (body, &len);
      page = kiosk_json_parse_feed_page (text, (gssize) len, &s->error);
      if (page == NULL)
        break;
      for (guint i = 0; i < page->changes->len; i++)
        {
          KioskChange *change = g_ptr_array_index (page->changes, i);
          char *key = g_strdup_printf ("%s\t%s", change->entity_name, change->id);

          g_assert_null (change->invalid_reason);
          if (change->is_delete)
            g_hash_table_remove (s->rows, key), g_free (key);
          else
            g_hash_table_replace (s->rows, key,
                                  kiosk_json_dump_line (change->entity, change->record, change->version, FALSE));
        }
      g_ptr_array_add (s->cursors, g_strdup (page->cursor));
      g_array_append_val (s->sizes, page->changes->len);
      g_free (cursor);
      cursor = g_strdup (page->cursor);
      if (!page->has_more)
        break;
    }
  g_atomic_int_set (&s->done, TRUE);
  return NULL;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Lines sorted by "entity\tid", joined. */
static char *
join_sorted (GHashTable *rows)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);

  g_ptr_array_sort (keys, compare_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      g_string_append (out, g_hash_table_lookup (rows, g_ptr_array_index (keys, i)));
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The server's snapshot now, fetched page by page as a fresh kiosk would. */
static Snapshot *
snapshot_fetch (Fixture *f)
{
  Snapshot *s = g_new0 (Snapshot, 1);
  GThread *thread;

  s->f = f;
  s->cursors = g_ptr_array_new_with_free_func (g_free);
  s->sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  s->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  thread = g_thread_new ("snapshot", snapshot_thread, s);
  while (!g_atomic_int_get (&s->done))
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_thread_join (thread);
  g_assert_no_error (s->error);
  return s;
}

static void
snapshot_free (Snapshot *s)
{
  g_ptr_array_unref (s->cursors);
  g_array_unref (s->sizes);
  g_hash_table_unref (s->rows);
  g_free (s);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static char *
server_dump (Fixture *f)
{
  g_autoptr(Snapshot) s = snapshot_fetch (f);
  return join_sorted (s->rows);
}

/* --------------------------------------------------- the replica's dump */

static gint64
record_version (KioskEntity   entity,
                gconstpointer record)
{
  switch (entity)
    {
    case KIOSK_ENTITY_SALON:         return ((const KioskSalon *) record)->version;
    case KIOSK_ENTITY_WORKING_HOURS: return ((const KioskWorkingHours *) record)->version;
    case KIOSK_ENTITY_CATEGORY:      return ((const KioskCategory *) record)->version;
    case KIOSK_ENTITY_SERVICE:       return ((const KioskService *) record)->version;
    case KIOSK_ENTITY_EMPLOYEE:      return ((const KioskEmployee *) record)->version;
    case KIOSK_ENTITY_CUSTOMER:      return ((const KioskCustomer *) record)->version;
    case KIOSK_ENTITY_APPOINTMENT:   return ((const KioskAppointment *) record)->version;
    case KIOSK_ENTITY_WALKIN:        return ((const KioskWalkin *) record)->version;
    case KIOSK_ENTITY_POINT_ENTRY:   return ((const KioskPointEntry *) record)->version;
    case KIOSK_ENTITY_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
record_pending (KioskEntity   entity,
                gconstpointer record)
{
  switch (entity)
    {
    case KIOSK_ENTITY_CUSTOMER:    return ((const KioskCustomer *) record)->pending;
    case KIOSK_ENTITY_APPOINTMENT: return ((const KioskAppointment *) record)->pending;
    case KIOSK_ENTITY_WALKIN:      return ((const KioskWalkin *) record)->pending;
    case KIOSK_ENTITY_POINT_ENTRY: return ((const KioskPointEntry *) record)->pending;
    case KIOSK_ENTITY_SALON:
    case KIOSK_ENTITY_WORKING_HOURS:
    case KIOSK_ENTITY_CATEGORY:
    case KIOSK_ENTITY_SERVICE:
    case KIOSK_ENTITY_EMPLOYEE:
    case KIOSK_ENTITY_UNKNOWN:
    default:
      return FALSE;
    }
}

static GPtrArray *
list_all (KioskReplica *replica,
          KioskEntity   entity)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = NULL;

  switch (entity)
    {
    case KIOSK_ENTITY_SALON:
      {
        KioskSalon *salon = kiosk_replica_get_salon (replica, &error);
        rows = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_salon_free);
        if (salon != NULL)
          g_ptr_array_add (rows, salon);
      }
      break;
    case KIOSK_ENTITY_WORKING_HOURS: rows = kiosk_replica_list_working_hours (replica, &error); break;
    case KIOSK_ENTITY_CATEGORY:      rows = kiosk_replica_list_categories (replica, &error); break;
    case KIOSK_ENTITY_SERVICE:       rows = kiosk_replica_list_services (replica, &error); break;
    case KIOSK_ENTITY_EMPLOYEE:      rows = kiosk_replica_list_employees (replica, &error); break;
    case KIOSK_ENTITY_CUSTOMER:      rows = kiosk_replica_list_customers (replica, &error); break;
    case KIOSK_ENTITY_APPOINTMENT:   rows = kiosk_replica_list_appointments (replica, "0000-01-01", "9999-12-31", &error); break;
    case KIOSK_ENTITY_WALKIN:        rows = kiosk_replica_list_walkins (replica, &error); break;
    case KIOSK_ENTITY_POINT_ENTRY:   rows = kiosk_replica_list_point_entries (replica, NULL, &error); break;
    case KIOSK_ENTITY_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

/* What `salonity-kiosk --dump-replica` prints, in the same order as
 * server_dump(). */
static char *
replica_dump (Fixture *f)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (int e = 0; e < KIOSK_N_ENTITIES; e++)
    {
      KioskEntity entity = (KioskEntity) e;
      g_autoptr(GPtrArray) list = NULL;

      if (entity == KIOSK_ENTITY_UNKNOWN)
        continue;
      list = list_all (f->replica, entity);
      for (guint i = 0; i < list->len; i++)
        {
          gconstpointer record = g_ptr_array_index (list, i);

          g_hash_table_replace (rows,
                                g_strdup_printf ("%s\t%s", kiosk_entity_to_string (entity),
                                                 kiosk_record_get_id (entity, record)),
                                kiosk_json_dump_line (entity, record, record_version (entity, record),
                                                      record_pending (entity, record)));
        }
    }
  return join_sorted (rows);
}

static guint
replica_rows (Fixture *f)
{
  static const char * const tables[] = {
    "salon", "working_hours", "category", "service", "employee",
    "customer", "appointment", "walkin", "point_entry",
  };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    n += (guint) kiosk_replica_count (f->replica, tables[i], NULL);
  return n;
}

/* Shows where two dumps part, then fails. */
static void
assert_same_dump (const char *got,
                  const char *want,
                  const char *what)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;
  guint i;

  if (g_strcmp0 (got, want) == 0)
    return;
  a = g_strsplit (got, "\n", -1);
  b = g_strsplit (want, "\n", -1);
  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      break;
  g_error ("%s: the dumps part at line %u (of %u and %u):\n replica: %s\n server:  %s", what, i + 1,
           g_strv_length (a), g_strv_length (b), a[i] ? a[i] : "(end)", b[i] ? b[i] : "(end)");
}

/* ---------------------------------------------------------- run once */

typedef struct {
  Fixture            *f;
  KioskSyncOnceResult result;
  GError             *error;
  gboolean            done;
} OnceCall;

static gpointer
once_thread (gpointer data)
{
  OnceCall *call = data;

  call->result = kiosk_sync_engine_run_once (call->f->engine, NULL, &call->error);
  g_atomic_int_set (&call->done, TRUE);
  return NULL;
}

/* --sync-once's work, on a thread while this one serves. */
static KioskSyncOnceResult
run_once (Fixture  *f,
          char    **reason)
{
  OnceCall call = { .f = f };
  GThread *thread = g_thread_new ("once", once_thread, &call);

  while (!g_atomic_int_get (&call.done))
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_thread_join (thread);
  if (reason != NULL)
    *reason = call.error ? g_strdup (call.error->message) : NULL;
  g_clear_error (&call.error);
  return call.result;
}

/* -------------------------------------------------------------- tests */

typedef struct {
  const char          *name;
  KioskFault           fault;
  KioskSyncOnceResult  once;    /* what the faulted one-shot sync answers */
} PullFault;

static gboolean
is_up_to_date (Fixture *f, gconstpointer data)
{
  return kiosk_sync_engine_get_state (f->engine) == KIOSK_SYNC_STATE_UP_TO_DATE;
}

static gboolean
is_state (Fixture *f, gconstpointer data)
{
  return kiosk_sync_engine_get_state (f->engine) == (KioskSyncState) GPOINTER_TO_INT (data);
}

static gboolean
customer_gone (Fixture *f, gconstpointer data)
{
  g_autoptr(KioskCustomer) customer = kiosk_replica_get_customer (f->replica, data, NULL);
  return customer == NULL;
}

static gboolean
faults_used (Fixture *f, gconstpointer data)
{
  return kiosk_test_server_get_n_faults (f->server) == 0;
}

/* A pass-through fault: lets one request by untouched, so that the next
 * fault meets the second page. */
static const KioskFault pass = { .kind = KIOSK_FAULT_SLOW, .delay_ms = 0 };

static void
test_pull_fault (Fixture *f, gconstpointer data)
{
  const PullFault *pf = data;
  g_autoptr(Snapshot) reference = snapshot_fetch (f);
  g_autofree char *reason = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(GArray) times = NULL;
  KioskSyncOnceResult result;
  gint64 retry_gap = 0;
  guint n_pages = reference->sizes->len;
  guint first_page = g_array_index (reference->sizes, guint, 0);

  g_test_message ("the snapshot: %u pages, %u rows", n_pages, g_hash_table_size (reference->rows));
  g_assert_cmpuint (n_pages, >=, 3);

  /* 1. The fault on the snapshot's second page. */
  kiosk_test_server_push_fault (f->server, "GET", CHANGES, &pass);
  kiosk_test_server_push_fault (f->server, "GET", CHANGES, &pf->fault);
  result = run_once (f, &reason);
  g_test_message ("%s on page 2: --sync-once says %d (%s)", pf->name, result, reason);
  g_assert_cmpint (result, ==, pf->once);
  g_assert_nonnull (reason);
  g_assert_cmpuint (kiosk_test_server_get_n_faults (f->server), ==, 0);
  /* Exactly the first page: its rows and its cursor, nothing of the second. */
  g_assert_cmpuint (replica_rows (f), ==, first_page);
  cursor = kiosk_replica_get_meta (f->replica, KIOSK_META_CURSOR);
  g_assert_cmpstr (cursor, ==, g_ptr_array_index (reference->cursors, 0));
  g_assert_cmpint (kiosk_replica_quarantine_count (f->replica), ==, 0);

  /* 2. The fault is gone: only the pages left are asked for. */
  g_clear_pointer (&times, g_array_unref);
  times = kiosk_test_server_take_request_times (f->server);
  g_clear_pointer (&times, g_array_unref);
  result = run_once (f, NULL);
  g_assert_cmpint (result, ==, KIOSK_SYNC_ONCE_UP_TO_DATE);
  times = kiosk_test_server_take_request_times (f->server);
  g_assert_cmpuint (times->len, ==, n_pages - 1);
  {
    g_autofree char *mine = replica_dump (f);
    g_autofree char *theirs = join_sorted (reference->rows);
    assert_same_dump (mine, theirs, "after the snapshot");
  }

  /* 3. A live page meets the fault; the engine gets over it by itself. */
  kiosk_sync_engine_start (f->engine);
  wait_for (f, is_up_to_date, NULL, 10000, "the engine to start up to date");
  while (kiosk_test_server_get_n_websockets (f->server) == 0)
    spin (5);
  f->saw_waiting = f->saw_unenrolled = f->saw_next_attempt = FALSE;
  g_clear_pointer (&times, g_array_unref);
  times = kiosk_test_server_take_request_times (f->server);
  g_clear_pointer (&times, g_array_unref);
  kiosk_test_server_push_fault (f->server, "GET", CHANGES, &pf->fault);
  {
    g_autofree char *renamed = customer_json (7, "Gülay");
    g_autoptr(GError) error = NULL;

    server_put (f, "customer", renamed);
    kiosk_test_server_delete (f->server, "customer", "c0000000-0000-4000-8000-000000000008", &error);
    g_assert_no_error (error);
  }
  wait_for (f, faults_used, NULL, 5000, "the engine to meet the fault");
  /* From the push on, the first request is the faulted one and the next is
   * its retry: the WebSocket is up, the poll is a minute away, and the
   * test asks the server nothing meanwhile. */
  if (pf->fault.kind == KIOSK_FAULT_STATUS && pf->fault.status == 401)
    {
      /* Unenrolled: nothing applied, nothing dropped; pairing again
       * resumes where the feed stopped. */
      g_autofree char *before = replica_dump (f);
      wait_for (f, is_state, GINT_TO_POINTER (KIOSK_SYNC_STATE_UNENROLLED), 5000, "unenrolled");
      spin (300);
      g_assert_cmpint (kiosk_sync_engine_get_state (f->engine), ==, KIOSK_SYNC_STATE_UNENROLLED);
      g_assert_true (f->saw_unenrolled);
      {
        g_autofree char *after = replica_dump (f);
        assert_same_dump (after, before, "while unenrolled");
      }
      times = kiosk_test_server_take_request_times (f->server);
      g_assert_cmpuint (times->len, ==, 1);   /* the faulted request, then nothing */
      g_clear_pointer (&times, g_array_unref);
      enroll (f);
      kiosk_sync_engine_nudge (f->engine);
    }
  /* The live page's effect, read from the replica only. */
  wait_for (f, customer_gone, "c0000000-0000-4000-8000-000000000008", 10000, "the live page to apply");
  times = kiosk_test_server_take_request_times (f->server);
  g_assert_cmpuint (times->len, >=, 1);
  if (pf->fault.kind == KIOSK_FAULT_STATUS && pf->fault.status == 401)
    ;  /* counted above */
  else
    {
      g_assert_cmpuint (times->len, >=, 2);   /* the faulted request, then its retry */
      retry_gap = g_array_index (times, gint64, 1) - g_array_index (times, gint64, 0);
      g_test_message ("the first retry came %" G_GINT64_FORMAT " ms after the fault", retry_gap / 1000);
    }
  if (pf->fault.kind == KIOSK_FAULT_STATUS && pf->fault.status == 429)
    {
      g_assert_cmpint (retry_gap, >=, pf->fault.retry_after * G_USEC_PER_SEC - 20 * G_TIME_SPAN_MILLISECOND);
      /* A second's wait is long enough for the main thread to see it (a
       * short back-off may come and go between two deliveries). */
      g_assert_true (f->saw_waiting);
      g_assert_true (f->saw_next_attempt);
    }
  wait_for (f, is_up_to_date, NULL, 5000, "up to date");
  {
    g_autofree char *mine = replica_dump (f);
    g_autofree char *theirs = server_dump (f);
    assert_same_dump (mine, theirs, "after the live page");
  }
  g_assert_cmpint (kiosk_replica_quarantine_count (f->replica), ==, 0);
}

/* The snapshot's progress: records received grow page by page; the
 * contract's feed carries no total, so records expected stays "unknown"
 * (0) throughout. */
typedef struct {
  GArray  *received;
  gboolean expected_nonzero;
} Progress;

static void
on_progress (KioskSyncEngine *engine,
             GParamSpec      *pspec,
             Progress        *p)
{
  guint64 received = kiosk_sync_engine_get_records_received (engine);

  if (kiosk_sync_engine_get_state (engine) == KIOSK_SYNC_STATE_SYNCING && received > 0)
    g_array_append_val (p->received, received);
  if (kiosk_sync_engine_get_records_expected (engine) != 0)
    p->expected_nonzero = TRUE;
}

static void
test_snapshot_progress (Fixture *f, gconstpointer data)
{
  g_autoptr(Snapshot) reference = snapshot_fetch (f);
  Progress p = { g_array_new (FALSE, FALSE, sizeof (guint64)), FALSE };
  guint64 total = 0;

  g_signal_connect (f->engine, "notify::records-received", G_CALLBACK (on_progress), &p);
  g_signal_connect (f->engine, "notify::records-expected", G_CALLBACK (on_progress), &p);
  /* A slow page in the middle, so that the main thread surely sees it. */
  kiosk_test_server_push_fault (f->server, "GET", CHANGES, &pass);
  kiosk_test_server_push_fault (f->server, "GET", CHANGES, &(KioskFault) { .kind = KIOSK_FAULT_SLOW, .delay_ms = 200 });
  kiosk_sync_engine_start (f->engine);
  wait_for (f, is_up_to_date, NULL, 10000, "the snapshot");

  g_assert_false (p.expected_nonzero);
  g_assert_cmpuint (kiosk_sync_engine_get_records_expected (f->engine), ==, 0);
  g_assert_cmpuint (p.received->len, >=, 1);
  for (guint i = 0; i < p.received->len; i++)
    {
      guint64 value = g_array_index (p.received, guint64, i);
      guint64 sum = 0;
      gboolean boundary = FALSE;

      /* Each value seen is the sum of whole pages. */
      for (guint j = 0; j < reference->sizes->len && !boundary; j++)
        {
          sum += g_array_index (reference->sizes, guint, j);
          boundary = sum == value;
        }
      g_assert_true (boundary);
      if (i > 0)
        g_assert_cmpuint (value, >, g_array_index (p.received, guint64, i - 1));
    }
  for (guint j = 0; j < reference->sizes->len; j++)
    total += g_array_index (reference->sizes, guint, j);
  g_test_message ("progress seen: %u values, last %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT,
                  p.received->len, g_array_index (p.received, guint64, p.received->len - 1), total);
  g_signal_handlers_disconnect_by_data (f->engine, &p);
  g_array_unref (p.received);
}

/* ------------------------------------------------------------- clock */

typedef struct {
  gint64   offset_s;
  gboolean warned;
} Skew;

static gboolean
has_skew_reading (Fixture *f, gconstpointer data)
{
  return kiosk_sync_engine_get_clock_skew (f->engine) != 0 || kiosk_sync_engine_get_clock_skew_warning (f->engine);
}

static void
test_clock_skew (Fixture *f, gconstpointer data)
{
  const Skew *skew = data;
  gint64 seen;

  kiosk_test_server_set_clock_offset (f->server, skew->offset_s);
  kiosk_sync_engine_start (f->engine);
  wait_for (f, is_up_to_date, NULL, 10000, "the first sync");
  wait_for (f, has_skew_reading, NULL, 2000, "a clock reading");
  seen = kiosk_sync_engine_get_clock_skew (f->engine);
  g_test_message ("server %+" G_GINT64_FORMAT " s: skew %+.1f s, warning %d", skew->offset_s,
                  seen / 1e6, kiosk_sync_engine_get_clock_skew_warning (f->engine));
  /* The Date header has whole seconds. */
  g_assert_cmpint (ABS (seen - skew->offset_s * G_USEC_PER_SEC), <=, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (kiosk_sync_engine_get_clock_skew_warning (f->engine), ==, skew->warned);
  {
    gboolean prop = !skew->warned;
    g_object_get (f->engine, "clock-skew-warning", &prop, NULL);
    g_assert_cmpint (prop, ==, skew->warned);
  }
}

/* ------------------------------------------------------------- main */

/* libsoup's accept race (tests/server/kiosk-test-log.h) and the engine's one
 * warning about a skewed clock are not fatal. */
static gboolean
fatal_log_handler (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message,
                   gpointer        user_data)
{
  /* The engine warns (not fatal) about a skewed clock, once. */
  if (g_strcmp0 (log_domain, "kiosk-sync") == 0 && message != NULL && strstr (message, "clock") != NULL)
    return FALSE;
  return !kiosk_test_log_is_accept_race (log_domain, message);
}

int
main (int argc, char **argv)
{
  static const PullFault faults[] = {
    { "500", { .kind = KIOSK_FAULT_STATUS, .status = 500 }, KIOSK_SYNC_ONCE_UNREACHABLE },
    { "502", { .kind = KIOSK_FAULT_STATUS, .status = 502 }, KIOSK_SYNC_ONCE_UNREACHABLE },
    { "503", { .kind = KIOSK_FAULT_STATUS, .status = 503 }, KIOSK_SYNC_ONCE_UNREACHABLE },
    { "429", { .kind = KIOSK_FAULT_STATUS, .status = 429, .retry_after = 1 }, KIOSK_SYNC_ONCE_UNREACHABLE },
    { "reset", { .kind = KIOSK_FAULT_RESET }, KIOSK_SYNC_ONCE_UNREACHABLE },
    { "truncated-json", { .kind = KIOSK_FAULT_TRUNCATED_JSON }, KIOSK_SYNC_ONCE_UNREACHABLE },
    { "malformed-json", { .kind = KIOSK_FAULT_MALFORMED_JSON }, KIOSK_SYNC_ONCE_UNREACHABLE },
    { "wrong-types", { .kind = KIOSK_FAULT_WRONG_TYPES }, KIOSK_SYNC_ONCE_UNREACHABLE },
    { "slow", { .kind = KIOSK_FAULT_SLOW, .delay_ms = 2500 }, KIOSK_SYNC_ONCE_UNREACHABLE },
    { "huge-body", { .kind = KIOSK_FAULT_HUGE_BODY }, KIOSK_SYNC_ONCE_UNREACHABLE },
    { "401", { .kind = KIOSK_FAULT_STATUS, .status = 401 }, KIOSK_SYNC_ONCE_UNENROLLED },
  };
  static const Skew skews[] = {
    { 3 * 60, TRUE },
    { -3 * 60, TRUE },
    { 90, FALSE },
    { -90, FALSE },
  };

  g_test_init (&argc, &argv, NULL);
  kiosk_test_log_allow_accept_race ();

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pull-faults/%s", faults[i].name);
      g_test_add (path, Fixture, &faults[i], fixture_setup, test_pull_fault, fixture_teardown);
    }
  g_test_add ("/pull-faults/snapshot-progress-expected-unknown", Fixture, NULL,
              fixture_setup, test_snapshot_progress, fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (skews); i++)
    {
      g_autofree char *path = g_strdup_printf ("/clock-skew/%+d-s", (int) skews[i].offset_s);
      g_test_add (path, Fixture, &skews[i], fixture_setup, test_clock_skew, fixture_teardown);
    }
  return g_test_run ();
}

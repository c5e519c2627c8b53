/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * 500 kiosks coming back after an outage. Each kiosk has its own replica
 * file, its own device and its token in the session's real Secret Service
 * (through KioskCredentials), and its own sync engine (thread, main
 * context, SoupSession, SQLite connection) with the production timings.
 * They sync, then the server goes away (listener and every connection
 * closed: connections are refused) and the network monitor says the network
 * is gone; every desk commits a walk-in meanwhile. Then the server listens
 * again and the monitor says the network is back. The server logs the
 * arrival of every request: over the first minute after the return the
 * busiest second must carry at most 3× the minute's mean.
 *
 * The server runs on its own thread with its own main context. Memory
 * (RSS) and threads are reported at each phase.
 *
 * Usage: bench-fleet [N_KIOSKS [OUTAGE_SECONDS]]   (500, 20)
 */
#define G_LOG_DOMAIN "bench-fleet"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kiosk-test-enroll.h"
#include "kiosk-test-server-thread.h"
#include "kiosk-replica-sync.h"
#include "kiosk-json.h"
#include "kiosk-sync-engine.h"
#include "kiosk-transport.h"

#define SALON     "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"
#define CATEGORY  "7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e"
#define SERVICE   "8c9d0e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f"
#define EMPLOYEE  "9d0e1f2a-3b4c-4d5e-9f6a-7b8c9d0e1f2a"

#define DEFAULT_KIOSKS    500
#define DEFAULT_OUTAGE_S  20
#define WINDOW_S          60
#define GOAL_RATIO        3.0
#define START_TIMEOUT_S   180
#define OFFLINE_TIMEOUT_S 60
#define DRAIN_TIMEOUT_S   150   /* after the return: bounds the run */

/* ------------------------------------------ a network monitor we drive */

#define BENCH_TYPE_MONITOR (bench_monitor_get_type ())
G_DECLARE_FINAL_TYPE (BenchMonitor, bench_monitor, BENCH, MONITOR, GObject)

struct _BenchMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum {
  MON_PROP_0,
  MON_PROP_AVAILABLE,
  MON_PROP_METERED,
  MON_PROP_CONNECTIVITY,
};

static void bench_monitor_initable_init (GInitableIface *iface);
static void bench_monitor_iface_init    (GNetworkMonitorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BenchMonitor, bench_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, bench_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, bench_monitor_iface_init))

static gboolean
bench_monitor_init_sync (GInitable     *initable,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return TRUE;
}

static void
bench_monitor_initable_init (GInitableIface *iface)
{
  iface->init = bench_monitor_init_sync;
}

static gboolean
bench_monitor_can_reach (GNetworkMonitor     *monitor,
                         GSocketConnectable  *connectable,
                         GCancellable        *cancellable,
                         GError             **error)
{
  return BENCH_MONITOR (monitor)->available;
}

static void
bench_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = bench_monitor_can_reach;
}

static void
bench_monitor_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BenchMonitor *self = BENCH_MONITOR (object);

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

static void
bench_monitor_class_init (BenchMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bench_monitor_get_property;
  g_object_class_override_property (object_class, MON_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MON_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MON_PROP_CONNECTIVITY, "connectivity");
}

static void
bench_monitor_init (BenchMonitor *self)
{
  self->available = TRUE;
}

static void
bench_monitor_set_available (BenchMonitor *self,
                             gboolean      available)
{
  if (self->available == available)
    return;
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

/* ------------------------------------------------- the server's thread */


static void
server_put (KioskTestServer *server,
            const char      *entity,
            const char      *json)
{
  g_autoptr(GError) error = NULL;

  if (kiosk_test_server_put (server, entity, json, &error) <= 0)
    g_error ("Cannot seed the server (%s): %s", entity, error ? error->message : "?");
}

static void
seed (KioskTestServer *server)
{
  server_put (server, "salon",
              "{\"id\":\"" SALON "\",\"name\":\"Şıklık Kuaför Beşiktaş\",\"address\":\"Çırağan Cd. 12\","
              "\"city\":\"İstanbul\",\"district\":\"Beşiktaş\",\"phone\":\"+902122223344\","
              "\"opening_time\":\"09:00:00\",\"closing_time\":\"19:00:00\",\"timezone\":\"Europe/Istanbul\"}");
  for (int day = 0; day < 7; day++)
    {
      g_autofree char *wh = g_strdup_printf ("{\"id\":\"%s:%d\",\"day_of_week\":%d,\"opening_time\":\"09:00:00\","
                                             "\"closing_time\":\"19:00:00\",\"is_closed\":false}", SALON, day, day);
      server_put (server, "working_hours", wh);
    }
  server_put (server, "category",
              "{\"id\":\"" CATEGORY "\",\"name\":\"Saç\",\"description\":\"Kesim ve bakım\",\"icon\":\"scissors\"}");
  server_put (server, "service",
              "{\"id\":\"" SERVICE "\",\"category\":\"" CATEGORY "\",\"name\":\"Saç kesimi\","
              "\"description\":\"\",\"price\":\"250.00\",\"duration\":30,\"is_active\":true}");
  server_put (server, "employee",
              "{\"id\":\"" EMPLOYEE "\",\"name\":\"Gökhan Işık\",\"position\":\"Kuaför\",\"is_active\":true,"
              "\"services\":[\"" SERVICE "\"]}");
}

/* Runs on the server's thread before it listens. */
static void
setup_server (KioskTestServer *server,
              gpointer         data)
{
  seed (server);
  /* Hundreds of kiosks pair from one address in a few seconds. */
  kiosk_test_server_set_throttle (server, "enrollment", 100000, 60);
}

static void
add_code_cb (KioskTestServer *server,
             gpointer         data)
{
  kiosk_test_server_add_pairing_code (server, data, 600);
}

static void
count_sockets_cb (KioskTestServer *server,
                  gpointer         data)
{
  *(guint *) data = kiosk_test_server_get_n_websockets (server);
}

static void
count_walkins_cb (KioskTestServer *server,
                  gpointer         data)
{
  *(gint64 *) data = kiosk_test_server_count (server, "walkin");
}

static void
disconnect_cb (KioskTestServer *server,
               gpointer         data)
{
  kiosk_test_server_disconnect (server);
}

static void
relisten_cb (KioskTestServer *server,
             gpointer         data)
{
  g_autoptr(GError) error = NULL;

  if (!kiosk_test_server_listen (server, kiosk_test_server_get_port (server), &error))
    g_error ("The server cannot listen again: %s", error->message);
}

/* ------------------------------------------------------------ memory */

static gint64
proc_status_kb (const char *key)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return -1;
  line = strstr (text, key);
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (key), NULL, 10);
}

static void
report_memory (const char *phase)
{
  g_print ("  memory %-34s RSS %6.1f MiB  peak RSS %6.1f MiB  threads %" G_GINT64_FORMAT "\n",
           phase, proc_status_kb ("VmRSS:") / 1024.0, proc_status_kb ("VmHWM:") / 1024.0,
           proc_status_kb ("Threads:"));
}

/* The machine's load beside the figures (docs/performance.md: measure on a
 * quiet machine, or say the load). */
static void
report_loadavg (const char *when)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    g_print ("  load average %s: %s", when, text);
}

/* ------------------------------------------------------------ kiosks */

typedef struct {
  char            *replica_path;
  char            *device;
  KioskSyncEngine *engine;
} Kiosk;

static void
kiosk_enroll (Kiosk                 *k,
              guint                  i,
              KioskTestServerThread *st,
              SoupSession           *session,
              KioskCredentials      *credentials,
              const char            *dir,
              gint64                *keyring_us)
{
  KioskTestServer *server = kiosk_test_server_thread_get_server (st);
  const char *url = kiosk_test_server_get_uri (server);
  const char *salon = kiosk_test_server_get_salon_id (server);
  g_autofree char *kiosk_dir = g_strdup_printf ("%s/kiosk-%03u", dir, i);
  g_autofree char *code = g_strdup_printf ("%06u", 100000 + i);
  g_autofree char *name = g_strdup_printf ("Ön büro %u", i + 1);
  g_autoptr(KioskEnrollment) enrollment = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_mkdir_with_parents (kiosk_dir, 0700);
  k->replica_path = g_build_filename (kiosk_dir, "replica.db", NULL);
  replica = kiosk_replica_open (k->replica_path, &error);
  if (replica == NULL)
    g_error ("%s: %s", k->replica_path, error->message);

  kiosk_test_server_thread_call (st, add_code_cb, code);
  enrollment = kiosk_transport_enroll (session, url, salon, code, name, NULL, NULL, &error);
  if (enrollment == NULL)
    g_error ("Enrollment of kiosk %u failed: %s", i, error->message);
  start = g_get_monotonic_time ();
  if (!kiosk_credentials_store_token_sync (credentials, url, enrollment->device, enrollment->token, NULL, &error))
    g_error ("Cannot store the token (is there a Secret Service?): %s", error->message);
  *keyring_us += g_get_monotonic_time () - start;
  if (!kiosk_test_enroll_write_meta (replica, url, enrollment, &error))
    g_error ("%s", error->message);
  k->device = g_strdup (enrollment->device);
}

/* A walk-in taken at the desk during the outage: the pending row and its
 * outbox entry in one transaction. The desk's connection is closed again
 * so that 500 desks do not stay open beside 500 engines. */
static void
desk_walkin (Kiosk *k,
             guint  i)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (k->replica_path, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *arrived = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *name = g_strdup_printf ("Şükrü Öğüt %u", i + 1);
  g_autofree char *phone = g_strdup_printf ("+90555%07u", 1000000 + i);
  g_autofree char *body = NULL;
  g_autoptr(KioskOutboxEntry) entry = NULL;
  KioskWalkin w = {
    .id = id, .customer = NULL, .name = name, .phone = phone, .service = (char *) SERVICE,
    .status = KIOSK_WALKIN_WAITING, .arrived_at = arrived, .pending = TRUE,
    /* As the desk records it (docs/kiosk-api.md §3.6). */
    .consent_at = arrived, .consent_notice = (char *) "kiosk-kvkk-walkin-2026-1",
  };

  if (replica == NULL)
    g_error ("%s: %s", k->replica_path, error->message);
  body = kiosk_json_walkin_create_body (&w);
  if (!kiosk_replica_begin (replica, &error) ||
      !kiosk_replica_put_walkin (replica, &w, &error) ||
      !kiosk_replica_outbox_add (replica, "walkin.create", id, body, &entry, &error) ||
      !kiosk_replica_commit (replica, &error))
    g_error ("The desk could not take the walk-in: %s", error->message);
}

/* ------------------------------------------------------------ waiting */

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context (where the engines publish) until @cond holds or
 * @timeout_ms passed; returns whether @cond held. */
static gboolean
spin_until (gboolean (*cond) (gpointer), gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint tick = g_timeout_add (50, tick_cb, NULL);
  gboolean held;

  while (!(held = cond != NULL && cond (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return held;
}

typedef struct {
  Kiosk                 *kiosks;
  guint                  n;
  KioskTestServerThread *st;
} Fleet;

static guint
count_in_state (Fleet *fleet, KioskSyncState state)
{
  guint n = 0;

  for (guint i = 0; i < fleet->n; i++)
    n += kiosk_sync_engine_get_state (fleet->kiosks[i].engine) == state;
  return n;
}

static gboolean
all_synced_and_live (gpointer data)
{
  Fleet *fleet = data;
  guint sockets = 0;

  if (count_in_state (fleet, KIOSK_SYNC_STATE_UP_TO_DATE) < fleet->n)
    return FALSE;
  kiosk_test_server_thread_call (fleet->st, count_sockets_cb, &sockets);
  return sockets >= fleet->n;
}

static gboolean
all_offline (gpointer data)
{
  Fleet *fleet = data;

  return count_in_state (fleet, KIOSK_SYNC_STATE_OFFLINE) == fleet->n;
}

static gboolean
all_drained (gpointer data)
{
  Fleet *fleet = data;

  for (guint i = 0; i < fleet->n; i++)
    if (kiosk_sync_engine_get_state (fleet->kiosks[i].engine) != KIOSK_SYNC_STATE_UP_TO_DATE ||
        kiosk_sync_engine_get_waiting_count (fleet->kiosks[i].engine) != 0)
      return FALSE;
  return TRUE;
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

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-fleet-XXXXXX", &error);
  g_autofree char *server_dir = NULL;
  g_autofree char *url = NULL;
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(BenchMonitor) monitor = g_object_new (BENCH_TYPE_MONITOR, NULL);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) times = NULL;
  KioskTestServerThread *st;
  Fleet fleet = { NULL, DEFAULT_KIOSKS, NULL };
  guint outage_s = DEFAULT_OUTAGE_S;
  guint bins[WINDOW_S] = { 0 };
  guint peak = 0, peak_at = 0, total = 0, late = 0;
  gint64 keyring_us = 0, t0, t_return, drained_at = -1;
  gint64 walkins = 0;
  double mean, ratio;
  gboolean drained, ok;

  if (argc > 1)
    fleet.n = (guint) CLAMP (g_ascii_strtoull (argv[1], NULL, 10), 2, 2000);
  if (argc > 2)
    outage_s = (guint) CLAMP (g_ascii_strtoull (argv[2], NULL, 10), 1, 600);
  if (dir == NULL)
    g_error ("%s", error->message);
  server_dir = g_build_filename (dir, "server", NULL);
  fleet.kiosks = g_new0 (Kiosk, fleet.n);

  g_print ("%u kiosks coming back after a %u s outage (server on its own thread, engines with "
           "the production timings: first retry spread over 0-30 s)\n", fleet.n, outage_s);
  report_memory ("at start");
  report_loadavg ("at start");
  st = kiosk_test_server_thread_start (server_dir, setup_server, NULL);
  fleet.st = st;
  url = g_strdup (kiosk_test_server_get_uri (kiosk_test_server_thread_get_server (st)));

  /* Pairing, as --enroll does it: tokens to the Secret Service. */
  t0 = g_get_monotonic_time ();
  session = kiosk_transport_new_session (NULL, &error);
  if (session == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < fleet.n; i++)
    kiosk_enroll (&fleet.kiosks[i], i, st, session, credentials, dir, &keyring_us);
  g_print ("  paired %u kiosks in %.1f s (of which %.1f s storing tokens in the Secret Service)\n",
           fleet.n, (g_get_monotonic_time () - t0) / 1e6, keyring_us / 1e6);

  /* Everyone syncs once and holds a live connection. */
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < fleet.n; i++)
    {
      Kiosk *k = &fleet.kiosks[i];

      k->engine = kiosk_sync_engine_new (k->replica_path, credentials, NULL);
      kiosk_sync_engine_set_network_monitor (k->engine, G_NETWORK_MONITOR (monitor));
      kiosk_sync_engine_start (k->engine);
      /* A fleet does not boot in the same millisecond either. */
      spin_until (NULL, NULL, 5);
    }
  if (!spin_until (all_synced_and_live, &fleet, START_TIMEOUT_S * 1000))
    g_error ("Only %u of %u kiosks synced within %u s", count_in_state (&fleet, KIOSK_SYNC_STATE_UP_TO_DATE),
             fleet.n, START_TIMEOUT_S);
  g_print ("  all %u engines started, synced and live in %.1f s\n", fleet.n, (g_get_monotonic_time () - t0) / 1e6);
  report_memory ("with every engine running");

  /* The outage: connections refused, the network reported gone, and every
   * desk takes a walk-in meanwhile. */
  kiosk_test_server_thread_call (st, disconnect_cb, NULL);
  g_array_unref (kiosk_test_server_take_request_times (kiosk_test_server_thread_get_server (st)));
  bench_monitor_set_available (monitor, FALSE);
  for (guint i = 0; i < fleet.n; i++)
    {
      desk_walkin (&fleet.kiosks[i], i);
      kiosk_sync_engine_nudge (fleet.kiosks[i].engine);
    }
  if (!spin_until (all_offline, &fleet, OFFLINE_TIMEOUT_S * 1000))
    g_error ("Only %u of %u kiosks went offline", count_in_state (&fleet, KIOSK_SYNC_STATE_OFFLINE), fleet.n);
  spin_until (NULL, NULL, outage_s * 1000);
  report_memory ("offline, every outbox pending");

  /* The server comes back and the network monitor says so. */
  before = kiosk_test_server_take_request_times (kiosk_test_server_thread_get_server (st));
  kiosk_test_server_thread_call (st, relisten_cb, NULL);
  t_return = g_get_monotonic_time ();
  bench_monitor_set_available (monitor, TRUE);

  drained = spin_until (all_drained, &fleet, WINDOW_S * 1000);
  if (drained)
    drained_at = g_get_monotonic_time ();
  spin_until (NULL, NULL, (guint) MAX (0, (t_return + WINDOW_S * G_USEC_PER_SEC - g_get_monotonic_time ()) / 1000));
  times = kiosk_test_server_take_request_times (kiosk_test_server_thread_get_server (st));
  report_memory ("one minute after the return");
  /* Every change must still arrive, however long the herd takes. */
  if (!drained)
    {
      drained = spin_until (all_drained, &fleet, (DRAIN_TIMEOUT_S - WINDOW_S) * 1000);
      if (drained)
        drained_at = g_get_monotonic_time ();
    }

  for (guint i = 0; i < times->len; i++)
    {
      gint64 at = g_array_index (times, gint64, i) - t_return;
      gint64 second = at / G_USEC_PER_SEC;

      if (at < 0)
        continue;    /* none: nothing listened before the return */
      if (second >= WINDOW_S)
        {
          late++;
          continue;
        }
      bins[second]++;
      total++;
    }
  for (guint s = 0; s < WINDOW_S; s++)
    if (bins[s] > peak)
      {
        peak = bins[s];
        peak_at = s;
      }
  mean = (double) total / WINDOW_S;
  ratio = mean > 0 ? peak / mean : G_MAXDOUBLE;
  kiosk_test_server_thread_call (st, count_walkins_cb, &walkins);

  g_print ("  requests per second over the first %u s after the return:\n   ", WINDOW_S);
  for (guint s = 0; s < WINDOW_S; s++)
    g_print (" %u%s", bins[s], s % 20 == 19 ? "\n   " : "");
  g_print ("\n  total %u requests (%u during the outage, after the minute %u); mean %.1f/s, "
           "peak %u/s (second %u), peak/mean %.2f\n",
           total, before->len, late, mean, peak, peak_at, ratio);
  if (drained)
    g_print ("  every outbox drained and every kiosk up to date %.1f s after the return "
             "(%.1f requests per uploaded change in the first minute)\n",
             (drained_at - t_return) / 1e6, (double) total / fleet.n);
  else
    g_print ("  NOT every outbox drained within %u s: %u of %u kiosks up to date\n", DRAIN_TIMEOUT_S,
             count_in_state (&fleet, KIOSK_SYNC_STATE_UP_TO_DATE), fleet.n);
  g_print ("  walk-ins on the server: %" G_GINT64_FORMAT " (taken at the desks: %u)\n", walkins, fleet.n);
  report_loadavg ("after the minute");
  ok = ratio <= GOAL_RATIO && drained && walkins == fleet.n;
  g_print ("  goal peak <= %.0f x mean, every change uploaded once: %s\n", GOAL_RATIO, ok ? "met" : "MISSED");

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < fleet.n; i++)
    {
      Kiosk *k = &fleet.kiosks[i];

      kiosk_sync_engine_stop (k->engine);
      g_clear_object (&k->engine);
      kiosk_credentials_clear_token_sync (credentials, url, k->device, NULL, NULL);
      g_free (k->replica_path);
      g_free (k->device);
    }
  spin_until (NULL, NULL, 50);
  g_print ("  stopped every engine and cleared every token in %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
  kiosk_test_server_thread_stop (st);
  remove_tree (dir);
  g_free (fleet.kiosks);
  return ok ? 0 : 1;
}

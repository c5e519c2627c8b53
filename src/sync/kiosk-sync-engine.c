/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The sync engine. All network and replica work happens on a "worker": on
 * the engine's own thread (kiosk_sync_engine_start()) or on the caller's
 * thread (kiosk_sync_engine_run_once()). The worker talks HTTP with blocking
 * libsoup calls, so a cycle is a plain sequence (pull, push, pull) and no
 * transaction is ever open while a request waits: each page and each
 * acknowledgement is one short transaction after its reply arrived.
 *
 * The worker never touches the GObject's properties: it writes its status
 * into a mutex-guarded copy and queues one idle source on the creator's main
 * context, which copies it into the properties and notifies there.
 */
#define G_LOG_DOMAIN "kiosk-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "replica/kiosk-replica-sync.h"
#include "sync/kiosk-feed-reader.h"
#include "sync/kiosk-json.h"
#include "sync/kiosk-sync-engine.h"
#include "sync/kiosk-transport.h"

#define API_PREFIX         "/api/kiosk/v1/"
#define FEED_LIMIT         1000
#define MAX_BODY_BYTES     (16 * 1024 * 1024)
#define MAX_RETRY_AFTER_S  3600
#define SKEW_WARNING_US    (2 * 60 * G_USEC_PER_SEC)
#define DUE_BATCH          32
#define MAX_410_IN_A_ROW   3
#define STATUS_TOO_MANY_REQUESTS 429
/* A salon's every commit nudges every one of its kiosks: pulls a nudge
 * wakes start at least this long after the previous cycle started, plus a
 * little jitter, so that many kiosks neither pull once per change nor all
 * in the same instant. Small enough to keep "A books, B sees" well under a
 * second. */
#define NUDGE_MIN_GAP_US   (250 * G_TIME_SPAN_MILLISECOND)
#define NUDGE_JITTER_US    (100 * G_TIME_SPAN_MILLISECOND)

G_DEFINE_ENUM_TYPE (KioskSyncState, kiosk_sync_state,
                    G_DEFINE_ENUM_VALUE (KIOSK_SYNC_STATE_UNENROLLED, "unenrolled"),
                    G_DEFINE_ENUM_VALUE (KIOSK_SYNC_STATE_UP_TO_DATE, "up-to-date"),
                    G_DEFINE_ENUM_VALUE (KIOSK_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (KIOSK_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (KIOSK_SYNC_STATE_WAITING, "waiting"),
                    G_DEFINE_ENUM_VALUE (KIOSK_SYNC_STATE_NEEDS_ATTENTION, "needs-attention"))

/* ---------------------------------------------------------------- status */

typedef struct {
  KioskSyncState  state;
  GDateTime      *since;
  GDateTime      *next_attempt;
  guint64         received;
  guint64         expected;
  guint           refused;
  guint           waiting;
  gint64          skew;
  char           *reason;
} Status;

static void
status_clear (Status *s)
{
  g_clear_pointer (&s->since, g_date_time_unref);
  g_clear_pointer (&s->next_attempt, g_date_time_unref);
  g_clear_pointer (&s->reason, g_free);
}

static void
status_copy (Status *dest, const Status *src)
{
  status_clear (dest);
  *dest = *src;
  dest->since = src->since ? g_date_time_ref (src->since) : NULL;
  dest->next_attempt = src->next_attempt ? g_date_time_ref (src->next_attempt) : NULL;
  dest->reason = g_strdup (src->reason);
}

static GDateTime *
date_time_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

static gboolean
date_time_equal0 (GDateTime *a, GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

/* ---------------------------------------------------------------- engine */

typedef struct _Worker Worker;

struct _KioskSyncEngine
{
  GObject           parent_instance;

  char             *replica_path;
  KioskCredentials *credentials;
  char             *ca_file;
  KioskSyncTimings  timings;

  GMainContext     *owner;         /* where properties notify and signals fire */
  GThread          *owner_thread;
  Status            pub;           /* what the properties say (owner thread only) */

  GNetworkMonitor  *monitor;
  gulong            monitor_handler;
  gboolean          network_available;

  /* Guarded by lock: the worker's latest status and what it touched. */
  GMutex            lock;
  Status            shared;
  guint             touched;
  gboolean          publish_queued;
  gboolean          accept_publish;
  Worker           *running;       /* the threaded worker, for nudges */

  GThread          *thread;
  Worker           *worker;
};

G_DEFINE_FINAL_TYPE (KioskSyncEngine, kiosk_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_SINCE,
  PROP_NEXT_ATTEMPT,
  PROP_RECORDS_RECEIVED,
  PROP_RECORDS_EXPECTED,
  PROP_REFUSED_COUNT,
  PROP_WAITING_COUNT,
  PROP_CLOCK_SKEW,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Copies the worker's status into the properties. Owner thread only. */
static void
engine_apply_shared (KioskSyncEngine *self)
{
  Status snap = { 0 };
  guint touched;
  GObject *object = G_OBJECT (self);

  g_mutex_lock (&self->lock);
  self->publish_queued = FALSE;
  status_copy (&snap, &self->shared);
  touched = self->touched;
  self->touched = 0;
  g_mutex_unlock (&self->lock);

  g_object_freeze_notify (object);
  if (snap.state != self->pub.state)
    {
      self->pub.state = snap.state;
      g_object_notify_by_pspec (object, properties[PROP_STATE]);
    }
  if (!date_time_equal0 (snap.since, self->pub.since))
    {
      g_clear_pointer (&self->pub.since, g_date_time_unref);
      self->pub.since = snap.since ? g_date_time_ref (snap.since) : NULL;
      g_object_notify_by_pspec (object, properties[PROP_SINCE]);
    }
  if (!date_time_equal0 (snap.next_attempt, self->pub.next_attempt))
    {
      g_clear_pointer (&self->pub.next_attempt, g_date_time_unref);
      self->pub.next_attempt = snap.next_attempt ? g_date_time_ref (snap.next_attempt) : NULL;
      g_object_notify_by_pspec (object, properties[PROP_NEXT_ATTEMPT]);
    }
  if (snap.received != self->pub.received)
    {
      self->pub.received = snap.received;
      g_object_notify_by_pspec (object, properties[PROP_RECORDS_RECEIVED]);
    }
  if (snap.expected != self->pub.expected)
    {
      self->pub.expected = snap.expected;
      g_object_notify_by_pspec (object, properties[PROP_RECORDS_EXPECTED]);
    }
  if (snap.refused != self->pub.refused)
    {
      self->pub.refused = snap.refused;
      g_object_notify_by_pspec (object, properties[PROP_REFUSED_COUNT]);
    }
  if (snap.waiting != self->pub.waiting)
    {
      self->pub.waiting = snap.waiting;
      g_object_notify_by_pspec (object, properties[PROP_WAITING_COUNT]);
    }
  if (snap.skew != self->pub.skew)
    {
      self->pub.skew = snap.skew;
      g_object_notify_by_pspec (object, properties[PROP_CLOCK_SKEW]);
    }
  if (g_strcmp0 (snap.reason, self->pub.reason) != 0)
    {
      g_free (self->pub.reason);
      self->pub.reason = g_strdup (snap.reason);
      g_object_notify_by_pspec (object, properties[PROP_REASON]);
    }
  g_object_thaw_notify (object);
  status_clear (&snap);

  if (touched != 0)
    g_signal_emit (self, signals[CHANGED], 0, touched);
}

static gboolean
engine_publish_cb (gpointer data)
{
  engine_apply_shared (KIOSK_SYNC_ENGINE (data));
  return G_SOURCE_REMOVE;
}

/* Any thread: hands @status (and @touched entities) to the owner thread. */
static void
engine_publish (KioskSyncEngine *self,
                const Status    *status,
                guint            touched)
{
  g_mutex_lock (&self->lock);
  status_copy (&self->shared, status);
  self->touched |= touched;
  /* Once stopping, no new ref is taken (dispose may be running). */
  if (!self->publish_queued && self->accept_publish)
    {
      GSource *source = g_idle_source_new ();

      self->publish_queued = TRUE;
      g_source_set_static_name (source, "[kiosk-sync] publish");
      g_source_set_callback (source, engine_publish_cb, g_object_ref (self), g_object_unref);
      g_source_attach (source, self->owner);
      g_source_unref (source);
    }
  g_mutex_unlock (&self->lock);
}

/* ---------------------------------------------------------------- worker */

typedef enum {
  OUTCOME_OK,
  OUTCOME_OFFLINE,       /* no connection, time-out, reset */
  OUTCOME_THROTTLED,     /* 429: wait retry_after */
  OUTCOME_FAILING,       /* 5xx, malformed reply, request in progress */
  OUTCOME_UNAUTHORIZED,  /* 401 */
  OUTCOME_LOCAL_ERROR,   /* the replica failed */
  OUTCOME_CANCELLED,
} Outcome;

typedef enum {
  ENROLL_OK,
  ENROLL_NONE,           /* not paired, or no token: reason says which */
  ENROLL_NO_STORE,       /* no secret store answers */
} EnrollResult;

struct _Worker
{
  KioskSyncEngine  *engine;        /* not a ref: joined before the engine goes */
  gboolean          threaded;
  KioskSyncTimings  timings;

  GMainContext     *context;
  GMainLoop        *loop;
  GCancellable     *cancellable;

  KioskReplica     *replica;
  SoupSession      *session;

  char             *server_url;
  char             *device;
  char             *token;
  gboolean          reread_enrollment;
  gboolean          unauthorized;

  Status            status;
  gint64            offline_since;  /* µs, 0 when online */
  guint             failures;       /* transient failures in a row */
  guint             retry_after;    /* seconds, after OUTCOME_THROTTLED */
  gboolean          skew_warned;
  gboolean          ignore_backoff; /* the network returned: retry everything once */
  guint             sent;           /* entries acknowledged this cycle */
  gint64            planned_delay;  /* µs an entry was put back by, -1: none */

  GSource          *cycle_source;
  gint64            cycle_at;       /* monotonic µs */
  gint64            cycle_started;  /* monotonic µs, the last cycle's start */

  SoupWebsocketConnection *ws;
  gboolean          ws_connecting;
  guint             ws_failures;
  GSource          *reconnect_source;
};

static void worker_schedule_cycle  (Worker *w, gint64 delay_us, gboolean force);
static void worker_ws_connect      (Worker *w);

static Worker *
worker_new (KioskSyncEngine *engine,
            gboolean         threaded,
            GCancellable    *cancellable)
{
  Worker *w = g_new0 (Worker, 1);

  w->engine = engine;
  w->threaded = threaded;
  w->timings = engine->timings;
  w->context = g_main_context_new ();
  w->loop = g_main_loop_new (w->context, FALSE);
  w->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  w->reread_enrollment = TRUE;
  g_mutex_lock (&engine->lock);
  status_copy (&w->status, &engine->shared);
  g_mutex_unlock (&engine->lock);
  return w;
}

static void
worker_ws_drop (Worker *w)
{
  if (w->ws == NULL)
    return;
  g_signal_handlers_disconnect_by_data (w->ws, w);
  /* When tearing down there is no loop left to finish a close handshake. */
  if (!g_cancellable_is_cancelled (w->cancellable) &&
      soup_websocket_connection_get_state (w->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (w->ws, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  g_clear_object (&w->ws);
}

/* Lets go of the network and the replica. On the worker's thread, with its
 * context the thread-default one. */
static void
worker_release (Worker *w)
{
  g_cancellable_cancel (w->cancellable);
  /* Let a WebSocket handshake in flight see its cancellation, so that its
   * task lets go of the session before the context goes. */
  while (w->ws_connecting)
    g_main_context_iteration (w->context, TRUE);
  worker_ws_drop (w);
  if (w->cycle_source)
    g_source_destroy (w->cycle_source);
  g_clear_pointer (&w->cycle_source, g_source_unref);
  if (w->reconnect_source)
    g_source_destroy (w->reconnect_source);
  g_clear_pointer (&w->reconnect_source, g_source_unref);
  if (w->session)
    soup_session_abort (w->session);
  g_clear_object (&w->session);
  g_clear_object (&w->replica);
  g_clear_pointer (&w->server_url, g_free);
  g_clear_pointer (&w->device, g_free);
  if (w->token)
    memset (w->token, 0, strlen (w->token));
  g_clear_pointer (&w->token, g_free);
}

static void
worker_free (Worker *w)
{
  g_assert (w->session == NULL && w->replica == NULL && w->ws == NULL);
  status_clear (&w->status);
  g_clear_object (&w->cancellable);
  g_clear_pointer (&w->loop, g_main_loop_unref);
  g_clear_pointer (&w->context, g_main_context_unref);
  g_free (w);
}

static void
worker_publish (Worker *w,
                guint   touched)
{
  engine_publish (w->engine, &w->status, touched);
}

static void
worker_set_reason (Worker     *w,
                   const char *reason)
{
  g_free (w->status.reason);
  w->status.reason = g_strdup (reason);
}

static void
worker_set_next_attempt (Worker *w,
                         gint64  delay_us)
{
  g_clear_pointer (&w->status.next_attempt, g_date_time_unref);
  if (delay_us >= 0)
    w->status.next_attempt = date_time_from_usec (g_get_real_time () + delay_us);
}

static void
worker_update_counts (Worker *w)
{
  gint64 counts[5] = { 0 };

  if (w->replica == NULL || !kiosk_replica_outbox_counts (w->replica, counts, NULL))
    return;
  w->status.waiting = (guint) (counts[KIOSK_OUTBOX_PENDING] + counts[KIOSK_OUTBOX_IN_FLIGHT]);
  w->status.refused = (guint) counts[KIOSK_OUTBOX_REFUSED];
}

/* Full jitter: uniform in [0, min (cap, base · 2^(n-1))]. */
static gint64
backoff_us (guint base_ms,
            guint cap_ms,
            guint n)
{
  double ceiling = base_ms;

  for (guint i = 1; i < n && ceiling < cap_ms; i++)
    ceiling *= 2;
  if (ceiling > cap_ms)
    ceiling = cap_ms;
  return (gint64) (g_random_double () * ceiling * 1000.0);
}

static gint64
worker_backoff_us (Worker *w)
{
  return backoff_us (w->timings.backoff_base_ms, w->timings.backoff_cap_ms, MAX (w->failures, 1));
}

static gint64
worker_poll_us (Worker *w)
{
  double jitter = 0.8 + 0.4 * g_random_double ();
  return (gint64) (w->timings.poll_interval_ms * jitter * 1000.0);
}

static gboolean
worker_open (Worker  *w,
             GError **error)
{
  if (w->replica == NULL)
    {
      g_autoptr(GError) local = NULL;

      w->replica = kiosk_replica_open (w->engine->replica_path, error);
      if (w->replica == NULL)
        return FALSE;
      /* A run stopped between a first snapshot's end and its indexes. */
      if (!kiosk_replica_restore_indexes (w->replica, &local))
        g_warning ("Cannot build the replica's indexes: %s", local->message);
    }
  if (w->session == NULL)
    {
      w->session = kiosk_transport_new_session (w->engine->ca_file, error);
      if (w->session == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Reads the server and device from meta and the token from the secret
 * store; keeps them until the next nudge. */
static EnrollResult
worker_enrollment (Worker  *w,
                   GError **error)
{
  g_autofree char *server = NULL;
  g_autofree char *device = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) local = NULL;
  gsize len;

  if (!w->reread_enrollment && w->token != NULL)
    return ENROLL_OK;

  server = kiosk_replica_get_meta (w->replica, KIOSK_META_SERVER_URL);
  device = kiosk_replica_get_meta (w->replica, KIOSK_META_DEVICE);
  if (server == NULL || *server == '\0' || device == NULL || *device == '\0')
    {
      g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND,
                           _("This kiosk is not paired with a salon"));
      return ENROLL_NONE;
    }
  len = strlen (server);
  while (len > 0 && server[len - 1] == '/')
    server[--len] = '\0';
  if (!kiosk_transport_check_url (server, error))
    return ENROLL_NONE;

  token = kiosk_credentials_lookup_token_sync (w->engine->credentials, server, device,
                                               w->cancellable, &local);
  if (token == NULL)
    {
      if (local != NULL && g_error_matches (local, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND))
        {
          g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND,
                               _("No device token is stored for this kiosk: pair it again"));
          return ENROLL_NONE;
        }
      if (local == NULL)
        {
          g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND,
                               _("No device token is stored for this kiosk: pair it again"));
          return ENROLL_NONE;
        }
      g_set_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE,
                   _("No secret store: changes are kept but not uploaded (%s)"), local->message);
      return ENROLL_NO_STORE;
    }

  if (g_strcmp0 (server, w->server_url) != 0 || g_strcmp0 (device, w->device) != 0 ||
      g_strcmp0 (token, w->token) != 0)
    {
      /* Paired again: a 401 of the old token no longer holds. */
      worker_ws_drop (w);
      w->unauthorized = FALSE;
    }
  g_free (w->server_url);
  w->server_url = g_steal_pointer (&server);
  g_free (w->device);
  w->device = g_steal_pointer (&device);
  if (w->token)
    memset (w->token, 0, strlen (w->token));
  g_free (w->token);
  w->token = g_steal_pointer (&token);
  w->reread_enrollment = FALSE;
  return ENROLL_OK;
}

/* ------------------------------------------------------------------ HTTP */

typedef struct {
  guint    status;
  GBytes  *body;
  guint    retry_after;   /* seconds; 0 when the reply said nothing */
  gboolean has_skew;      /* the reply had a usable Date header */
  gint64   skew;          /* µs, server - local */
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

static GBytes *
read_all (GInputStream  *in,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[16384];

  for (;;)
    {
      gssize n = g_input_stream_read (in, chunk, sizeof chunk, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > MAX_BODY_BYTES)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                               "The reply is too large");
          return NULL;
        }
      g_byte_array_append (buffer, chunk, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

static void
worker_note_skew (Worker      *w,
                  const Reply *reply)
{
  gint64 skew = reply->skew;

  if (!reply->has_skew)
    return;
  w->status.skew = skew;
  if (ABS (skew) > SKEW_WARNING_US && !w->skew_warned)
    {
      w->skew_warned = TRUE;
      g_warning ("The kiosk's clock differs from the server's by %" G_GINT64_FORMAT " s",
                 skew / G_USEC_PER_SEC);
    }
}

static guint
parse_retry_after (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  guint64 seconds;

  if (value == NULL)
    return 0;
  {
    g_autofree char *trimmed = g_strstrip (g_strdup (value));
    if (g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXUINT32, &seconds, NULL))
      return (guint) CLAMP (seconds, 1, MAX_RETRY_AFTER_S);
  }
  {
    /* An HTTP date is allowed too. */
    g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
    gint64 delta;

    if (when == NULL)
      return 1;
    delta = g_date_time_to_unix (when) - g_get_real_time () / G_USEC_PER_SEC;
    return (guint) CLAMP (delta, 1, MAX_RETRY_AFTER_S);
  }
}

/* One exchange. OUTCOME_OK means a status line and a whole body arrived
 * (any status); the caller judges the status. Touches nothing of the
 * worker's, so that the feed fetcher can call it on its own thread with its
 * own session. */
static Outcome
http_exchange (SoupSession  *session,
               const char   *server_url,
               const char   *token,
               GCancellable *cancellable,
               const char   *method,
               const char   *path,
               const char   *body,
               const char   *idempotency_key,
               Reply        *reply,
               GError      **error)
{
  g_autofree char *url = g_strconcat (server_url, API_PREFIX, path, NULL);
  g_autofree char *auth = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GError) local = NULL;
  SoupMessageHeaders *headers;

  msg = soup_message_new (method, url);
  if (msg == NULL)
    {
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_BAD_URL,
                   _("The server address is not valid"));
      return OUTCOME_LOCAL_ERROR;
    }
  headers = soup_message_get_request_headers (msg);
  auth = g_strconcat ("Token ", token, NULL);
  soup_message_headers_replace (headers, "Authorization", auth);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (idempotency_key != NULL)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", idempotency_key);
      soup_message_headers_replace (headers, "Idempotency-Key", quoted);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  in = soup_session_send (session, msg, cancellable, &local);
  if (auth)
    memset (auth, 0, strlen (auth));
  if (in == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return OUTCOME_CANCELLED;
        }
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE,
                   _("The server cannot be reached: %s"), local->message);
      return OUTCOME_OFFLINE;
    }
  reply->has_skew = kiosk_transport_clock_skew (msg, g_get_real_time (), &reply->skew);
  reply->status = soup_message_get_status (msg);
  reply->retry_after = reply->status == STATUS_TOO_MANY_REQUESTS ? parse_retry_after (msg) : 0;
  reply->body = read_all (in, cancellable, &local);
  g_input_stream_close (in, NULL, NULL);
  if (reply->body == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return OUTCOME_CANCELLED;
        }
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        {
          g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                       _("The server's reply is too large"));
          return OUTCOME_FAILING;
        }
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNREACHABLE,
                   _("The connection broke during the reply: %s"), local->message);
      return OUTCOME_OFFLINE;
    }
  return OUTCOME_OK;
}

static Outcome
worker_http (Worker     *w,
             const char *method,
             const char *path,
             const char *body,
             const char *idempotency_key,
             Reply      *reply,
             GError    **error)
{
  Outcome outcome = http_exchange (w->session, w->server_url, w->token, w->cancellable,
                                   method, path, body, idempotency_key, reply, error);

  worker_note_skew (w, reply);
  return outcome;
}

/* Status-only outcomes that pull and push share. */
static Outcome
classify_failure (const Reply  *reply,
                  Worker       *w,
                  GError      **error)
{
  if (reply->status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_set_error_literal (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNAUTHORIZED,
                           _("The server no longer accepts this kiosk: pair it again"));
      return OUTCOME_UNAUTHORIZED;
    }
  if (reply->status == STATUS_TOO_MANY_REQUESTS)
    {
      w->retry_after = reply->retry_after;
      g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_THROTTLED,
                   _("The server asked to wait %u s"), reply->retry_after);
      return OUTCOME_THROTTLED;
    }
  g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
               _("The server answered HTTP %u"), reply->status);
  return OUTCOME_FAILING;
}

static JsonNode *
parse_json (GBytes  *body,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;
  JsonNode *root;

  if (data == NULL || len == 0)
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_MALFORMED, "empty reply");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) len, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_MALFORMED, "not a JSON object");
      return NULL;
    }
  return json_node_ref (root);
}

/* ------------------------------------------------------------------ pull */

static gboolean
apply_page (Worker         *w,
            KioskFeedPage  *page,
            guint          *touched,
            GError        **error)
{
  KioskReplica *replica = w->replica;

  if (!kiosk_replica_begin (replica, error))
    return FALSE;
  for (guint i = 0; i < page->changes->len; i++)
    {
      KioskChange *change = g_ptr_array_index (page->changes, i);
      KioskApplyResult result = KIOSK_APPLY_REPLAY;
      g_autoptr(GError) local = NULL;
      gboolean ok;

      if (change->invalid_reason != NULL)
        {
          ok = kiosk_replica_quarantine_add (replica, change->entity_name, change->id,
                                             change->invalid_reason, change->raw_json, &local);
          if (!ok)
            goto failed;
          continue;
        }
      if (change->entity == KIOSK_ENTITY_UNKNOWN)
        continue;   /* a newer server's entity: skipped, the cursor still advances */
      if (change->is_delete)
        ok = kiosk_replica_apply_delete (replica, change->entity, change->id, change->version, &result, &local);
      else
        ok = kiosk_replica_apply_upsert (replica, change->entity, change->record, &result, &local);
      if (!ok)
        {
          /* A row the schema refuses is quarantined; the rest applies. */
          if (!g_error_matches (local, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_CONSTRAINT) &&
              !g_error_matches (local, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND))
            goto failed;
          g_clear_error (&local);
          if (!kiosk_replica_quarantine_add (replica, change->entity_name, change->id,
                                             "the replica refused the row", change->raw_json, &local))
            goto failed;
          continue;
        }
      if (result == KIOSK_APPLY_APPLIED)
        *touched |= KIOSK_SYNC_ENTITY_BIT (change->entity);
      continue;

    failed:
      kiosk_replica_rollback (replica);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!kiosk_replica_set_meta (replica, KIOSK_META_CURSOR, page->cursor, error))
    {
      kiosk_replica_rollback (replica);
      return FALSE;
    }
  if (!page->has_more && kiosk_replica_in_snapshot (replica))
    {
      if (!kiosk_replica_snapshot_finish (replica, error))
        {
          kiosk_replica_rollback (replica);
          return FALSE;
        }
      *touched |= KIOSK_SYNC_ALL_ENTITIES;
    }
  if (!kiosk_replica_commit (replica, error))
    {
      kiosk_replica_rollback (replica);
      return FALSE;
    }
  return TRUE;
}

/* The feed is pipelined: a fetcher thread asks for page N+1 and reads it
 * (kiosk_feed_reader_parse_page()) while the worker applies page N, so that
 * the server, the reading and SQLite work at the same time. The worker still
 * applies the pages one by one, in order, each in one transaction with its
 * cursor; a page fetched past a failure is simply dropped, and the next pull
 * starts again from the stored cursor. At most FETCH_AHEAD pages wait, so a
 * snapshot's memory stays that of a few pages. */
#define FETCH_AHEAD 2

typedef struct {
  Outcome        outcome;    /* of the exchange */
  Reply          reply;
  KioskFeedPage *page;       /* a 200 that reads */
  GError        *error;      /* an exchange or a page that failed */
} FetchItem;

static void
fetch_item_free (FetchItem *item)
{
  reply_clear (&item->reply);
  g_clear_pointer (&item->page, kiosk_feed_page_free);
  g_clear_error (&item->error);
  g_free (item);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchItem, fetch_item_free)

typedef struct {
  char         *server_url;
  char         *token;
  char         *ca_file;
  char         *cursor;        /* NULL: a snapshot from its start */
  GCancellable *cancellable;   /* the fetcher's own, cancelled with the worker's */
  gulong        cancelled_id;
  GCancellable *parent;
  GAsyncQueue  *items;         /* of FetchItem, in page order */
  GMutex        lock;
  GCond         room;
  guint         waiting;       /* items pushed and not yet taken */
  GThread      *thread;        /* NULL: inline, on the worker's session */
  SoupSession  *session;       /* inline only: the worker's */
  gboolean      done;          /* inline only: the last page was fetched */
} Fetcher;

static gboolean
fetcher_wait_for_room (Fetcher *f)
{
  gboolean go;

  g_mutex_lock (&f->lock);
  while (f->waiting >= FETCH_AHEAD && !g_cancellable_is_cancelled (f->cancellable))
    g_cond_wait (&f->room, &f->lock);
  go = !g_cancellable_is_cancelled (f->cancellable);
  if (go)
    f->waiting++;
  g_mutex_unlock (&f->lock);
  return go;
}

/* One GET of the feed after *@cursor into @item; moves *@cursor on when
 * more pages follow. */
static void
fetch_page (Fetcher      *f,
            SoupSession  *session,
            FetchItem    *item,
            char        **cursor)
{
  g_autofree char *path = NULL;

  if (*cursor == NULL)
    path = g_strdup_printf ("changes/?limit=%d", FEED_LIMIT);
  else
    {
      g_autofree char *escaped = g_uri_escape_string (*cursor, NULL, FALSE);
      path = g_strdup_printf ("changes/?since=%s&limit=%d", escaped, FEED_LIMIT);
    }
  item->outcome = http_exchange (session, f->server_url, f->token, f->cancellable,
                                 "GET", path, NULL, NULL, &item->reply, &item->error);
  if (item->outcome == OUTCOME_OK && item->reply.status == SOUP_STATUS_OK)
    {
      gsize len = 0;
      const char *body = g_bytes_get_data (item->reply.body, &len);
      g_autoptr(GError) parse_error = NULL;

      item->page = kiosk_feed_reader_parse_page (body ? body : "", (gssize) len, &parse_error);
      if (item->page == NULL)
        {
          item->outcome = OUTCOME_FAILING;
          g_set_error (&item->error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                       _("The server sent a feed page that cannot be read: %s"), parse_error->message);
        }
      /* The body is read: only the page is kept. */
      g_clear_pointer (&item->reply.body, g_bytes_unref);
    }
  if (item->page != NULL && item->page->has_more)
    {
      g_free (*cursor);
      *cursor = g_strdup (item->page->cursor);
    }
}

static gpointer
fetcher_thread (gpointer data)
{
  Fetcher *f = data;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *cursor = g_strdup (f->cursor);

  session = kiosk_transport_new_session (f->ca_file, &local);
  for (;;)
    {
      FetchItem *item;
      gboolean more;

      if (!fetcher_wait_for_room (f))
        {
          /* The worker may be waiting for a page: it gets the news. */
          item = g_new0 (FetchItem, 1);
          item->outcome = OUTCOME_CANCELLED;
          g_set_error_literal (&item->error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
          g_mutex_lock (&f->lock);
          f->waiting++;
          g_mutex_unlock (&f->lock);
          g_async_queue_push (f->items, item);
          break;
        }
      item = g_new0 (FetchItem, 1);
      if (session == NULL)
        {
          item->outcome = OUTCOME_LOCAL_ERROR;
          item->error = g_steal_pointer (&local);
          g_async_queue_push (f->items, item);
          break;
        }
      fetch_page (f, session, item, &cursor);
      more = item->page != NULL && item->page->has_more;
      g_async_queue_push (f->items, item);
      if (!more)
        break;
    }
  return NULL;
}

static void
fetcher_cancelled_cb (GCancellable *cancellable,
                      Fetcher      *f)
{
  g_cancellable_cancel (f->cancellable);
}

/* @threaded: fetch ahead on a thread of its own (a snapshot's many pages);
 * otherwise each page is fetched when asked for, on the worker's session,
 * which keeps an ordinary pull to one connection and no extra thread. */
static Fetcher *
fetcher_start (Worker     *w,
               const char *cursor,
               gboolean    threaded)
{
  Fetcher *f = g_new0 (Fetcher, 1);

  f->server_url = g_strdup (w->server_url);
  f->token = g_strdup (w->token);
  f->ca_file = g_strdup (w->engine->ca_file);
  f->cursor = g_strdup (cursor);
  f->cancellable = g_cancellable_new ();
  f->parent = g_object_ref (w->cancellable);
  f->cancelled_id = g_cancellable_connect (w->cancellable, G_CALLBACK (fetcher_cancelled_cb), f, NULL);
  f->items = g_async_queue_new_full ((GDestroyNotify) fetch_item_free);
  g_mutex_init (&f->lock);
  g_cond_init (&f->room);
  if (threaded)
    f->thread = g_thread_new ("kiosk-feed", fetcher_thread, f);
  else
    f->session = g_object_ref (w->session);
  return f;
}

static FetchItem *
fetcher_next (Fetcher *f)
{
  FetchItem *item;

  if (f->thread == NULL)
    {
      item = g_new0 (FetchItem, 1);
      if (f->done)
        {
          /* Not reached: the worker stops at the page without has_more. */
          item->outcome = OUTCOME_CANCELLED;
          g_set_error_literal (&item->error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
          return item;
        }
      fetch_page (f, f->session, item, &f->cursor);
      f->done = item->page == NULL || !item->page->has_more;
      return item;
    }

  item = g_async_queue_pop (f->items);

  g_mutex_lock (&f->lock);
  f->waiting--;
  g_cond_signal (&f->room);
  g_mutex_unlock (&f->lock);
  return item;
}

/* Stops the fetcher (if it still runs) and drops what it fetched. */
static void
fetcher_free (Fetcher *f)
{
  g_mutex_lock (&f->lock);
  g_cancellable_cancel (f->cancellable);
  g_cond_signal (&f->room);
  g_mutex_unlock (&f->lock);
  if (f->thread != NULL)
    g_thread_join (f->thread);
  g_clear_object (&f->session);
  g_cancellable_disconnect (f->parent, f->cancelled_id);
  g_object_unref (f->parent);
  g_object_unref (f->cancellable);
  g_async_queue_unref (f->items);
  g_mutex_clear (&f->lock);
  g_cond_clear (&f->room);
  if (f->token)
    memset (f->token, 0, strlen (f->token));
  g_free (f->token);
  g_free (f->server_url);
  g_free (f->ca_file);
  g_free (f->cursor);
  g_free (f);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetcher, fetcher_free)

static Outcome worker_pull_pages (Worker *w, GError **error);

static Outcome
worker_pull (Worker  *w,
             GError **error)
{
  g_autofree char *cursor = kiosk_replica_get_meta (w->replica, KIOSK_META_CURSOR);
  gboolean bulk = cursor == NULL || *cursor == '\0' || kiosk_replica_in_snapshot (w->replica);
  Outcome outcome;

  /* Bulk for a pull that starts as a snapshot; a snapshot after a 410
   * inside an ordinary pull goes at the ordinary pace. */
  if (bulk && !kiosk_replica_set_bulk (w->replica, TRUE, error))
    return OUTCOME_LOCAL_ERROR;
  outcome = worker_pull_pages (w, error);
  if (bulk)
    kiosk_replica_set_bulk (w->replica, FALSE, NULL);
  return outcome;
}

static Outcome
worker_pull_pages (Worker  *w,
                   GError **error)
{
  guint expired = 0;

  for (;;)
    {
      g_autofree char *cursor = kiosk_replica_get_meta (w->replica, KIOSK_META_CURSOR);
      g_autoptr(Fetcher) fetcher = NULL;
      gboolean restart = FALSE;

      if (cursor == NULL || *cursor == '\0')
        {
          /* No cursor: a snapshot from its start (one left by a restart
           * before its first page simply starts again). */
          g_clear_pointer (&cursor, g_free);
          if (!kiosk_replica_in_snapshot (w->replica) &&
              !kiosk_replica_snapshot_begin (w->replica, error))
            return OUTCOME_LOCAL_ERROR;
        }

      if (kiosk_replica_in_snapshot (w->replica) && w->status.state != KIOSK_SYNC_STATE_SYNCING)
        {
          w->status.state = KIOSK_SYNC_STATE_SYNCING;
          w->status.received = 0;
          w->status.expected = 0;
          worker_publish (w, 0);
        }

      fetcher = fetcher_start (w, cursor, kiosk_replica_in_snapshot (w->replica));
      while (!restart)
        {
          g_autoptr(FetchItem) item = fetcher_next (fetcher);
          guint touched = 0;

          worker_note_skew (w, &item->reply);
          if (item->outcome != OUTCOME_OK)
            {
              if (g_cancellable_is_cancelled (w->cancellable) && item->outcome != OUTCOME_LOCAL_ERROR)
                {
                  g_cancellable_set_error_if_cancelled (w->cancellable, error);
                  return OUTCOME_CANCELLED;
                }
              if (item->error != NULL)
                g_propagate_error (error, g_steal_pointer (&item->error));
              else
                g_set_error_literal (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                                     _("The change feed could not be read"));
              return item->outcome;
            }
          if (item->reply.status == SOUP_STATUS_GONE)
            {
              /* cursor_expired: start over with a snapshot that keeps our
               * own pending rows (snapshot_finish spares them). */
              if (++expired > MAX_410_IN_A_ROW)
                {
                  g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                               _("The server keeps refusing the feed cursor"));
                  return OUTCOME_FAILING;
                }
              g_message ("The feed cursor expired: resyncing with a snapshot");
              if (!kiosk_replica_snapshot_begin (w->replica, error))
                return OUTCOME_LOCAL_ERROR;
              restart = TRUE;
              continue;
            }
          if (item->reply.status != SOUP_STATUS_OK)
            return classify_failure (&item->reply, w, error);

          if (!apply_page (w, item->page, &touched, error))
            return OUTCOME_LOCAL_ERROR;

          if (w->status.state == KIOSK_SYNC_STATE_SYNCING)
            w->status.received += item->page->changes->len;
          worker_publish (w, touched);

          if (!item->page->has_more)
            {
              /* After a first snapshot: its indexes, one at a time. */
              g_autoptr(GError) local = NULL;

              if (!kiosk_replica_restore_indexes (w->replica, &local))
                g_warning ("Cannot build the replica's indexes: %s", local->message);
              return OUTCOME_OK;
            }
          if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
            return OUTCOME_CANCELLED;
        }
    }
}

/* ------------------------------------------------------------------ push */

typedef struct {
  const char  *kind;
  const char  *prefix;
  const char  *suffix;   /* NULL: no id in the path */
  KioskEntity  entity;
} Route;

static const Route routes[] = {
  { "customer.create",      "customers/",          NULL,           KIOSK_ENTITY_CUSTOMER },
  { "appointment.create",   "appointments/",       NULL,           KIOSK_ENTITY_APPOINTMENT },
  { "appointment.check_in", "appointments/",       "/check-in/",   KIOSK_ENTITY_APPOINTMENT },
  { "appointment.status",   "appointments/",       "/status/",     KIOSK_ENTITY_APPOINTMENT },
  { "walkin.create",        "walkins/",            NULL,           KIOSK_ENTITY_WALKIN },
  { "walkin.status",        "walkins/",            "/status/",     KIOSK_ENTITY_WALKIN },
  { "loyalty.redeem",       "loyalty/redemptions/", NULL,          KIOSK_ENTITY_POINT_ENTRY },
};

static const Route *
route_for_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (g_strcmp0 (routes[i].kind, kind) == 0)
      return &routes[i];
  return NULL;
}

/* A transient failure of one entry: it goes again after a back-off (or
 * Retry-After), with the same key. */
static Outcome
entry_retry_later (Worker                 *w,
                   const KioskOutboxEntry *entry,
                   Outcome                 outcome,
                   guint                   status,
                   const char             *reason,
                   GError                **error)
{
  gint64 delay;
  g_autoptr(GError) local = NULL;

  if (outcome == OUTCOME_THROTTLED)
    delay = (gint64) MAX (w->retry_after, 1) * G_USEC_PER_SEC;
  else
    {
      /* The cycle schedules itself by the same draw (worker_conclude). */
      w->failures++;
      delay = worker_backoff_us (w);
      w->planned_delay = delay;
    }
  if (!kiosk_replica_outbox_retry_later (w->replica, entry->id, (int) status, reason,
                                         g_get_real_time () + delay, &local))
    {
      g_clear_error (error);
      g_propagate_error (error, g_steal_pointer (&local));
      return OUTCOME_LOCAL_ERROR;
    }
  return outcome;
}

static Outcome
handle_phone_exists (Worker                 *w,
                     const KioskOutboxEntry *entry,
                     const Reply            *reply,
                     guint                  *touched,
                     GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(KioskCustomer) existing = NULL;
  JsonObject *object;
  JsonNode *member;
  KioskApplyResult result;

  root = parse_json (reply->body, &local);
  object = root ? json_node_get_object (root) : NULL;
  member = object ? json_object_get_member (object, "customer") : NULL;
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    existing = kiosk_json_to_record (KIOSK_ENTITY_CUSTOMER, json_node_get_object (member), 0, &local);
  if (existing == NULL || g_strcmp0 (existing->id, entry->entity_id) == 0)
    {
      gsize len = 0;
      const char *data = g_bytes_get_data (reply->body, &len);
      g_autofree char *reason = kiosk_json_error_reason (data ? data : "", (gssize) len);
      if (!kiosk_replica_outbox_refuse (w->replica, entry->id, (int) reply->status,
                                        reason ? reason : _("This phone number belongs to another customer"),
                                        error))
        return OUTCOME_LOCAL_ERROR;
      *touched |= KIOSK_SYNC_ENTITY_BIT (KIOSK_ENTITY_CUSTOMER);
      return OUTCOME_OK;
    }

  /* The existing customer is stored and our pending writes name it. */
  if (!kiosk_replica_begin (w->replica, error))
    return OUTCOME_LOCAL_ERROR;
  if (!kiosk_replica_apply_upsert (w->replica, KIOSK_ENTITY_CUSTOMER, existing, &result, error) ||
      !kiosk_replica_repoint_customer (w->replica, entry->id, entry->entity_id, existing->id, error) ||
      !kiosk_replica_commit (w->replica, error))
    {
      kiosk_replica_rollback (w->replica);
      return OUTCOME_LOCAL_ERROR;
    }
  *touched |= KIOSK_SYNC_ENTITY_BIT (KIOSK_ENTITY_CUSTOMER) |
              KIOSK_SYNC_ENTITY_BIT (KIOSK_ENTITY_APPOINTMENT) |
              KIOSK_SYNC_ENTITY_BIT (KIOSK_ENTITY_WALKIN) |
              KIOSK_SYNC_ENTITY_BIT (KIOSK_ENTITY_POINT_ENTRY);
  return OUTCOME_OK;
}

static Outcome
worker_push_one (Worker           *w,
                 KioskOutboxEntry *entry,
                 guint            *touched,
                 GError          **error)
{
  const Route *route = route_for_kind (entry->kind);
  g_autofree char *path = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *code = NULL;
  g_auto(Reply) reply = { 0 };
  g_autoptr(GError) local = NULL;
  const char *data;
  gsize len = 0;
  Outcome outcome;

  if (route == NULL)
    {
      /* Kept for staff: nothing is dropped, but it cannot be sent. */
      if (!kiosk_replica_outbox_refuse (w->replica, entry->id, 0, _("This kind of change is unknown to this version"), error))
        return OUTCOME_LOCAL_ERROR;
      return OUTCOME_OK;
    }
  if (route->suffix != NULL)
    {
      g_autofree char *id = g_uri_escape_string (entry->entity_id ? entry->entity_id : "", NULL, FALSE);
      path = g_strconcat (route->prefix, id, route->suffix, NULL);
    }
  else
    path = g_strdup (route->prefix);

  entry->state = KIOSK_OUTBOX_IN_FLIGHT;
  if (!kiosk_replica_outbox_update (w->replica, entry, error))
    return OUTCOME_LOCAL_ERROR;

  outcome = worker_http (w, "POST", path, entry->payload, entry->idempotency_key, &reply, &local);
  if (outcome == OUTCOME_CANCELLED || outcome == OUTCOME_LOCAL_ERROR)
    {
      /* In flight counts as pending next time: the key makes it safe. */
      g_propagate_error (error, g_steal_pointer (&local));
      return outcome;
    }
  if (outcome != OUTCOME_OK)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return entry_retry_later (w, entry, outcome, 0, "network", error);
    }

  data = g_bytes_get_data (reply.body, &len);
  if (reply.status >= 200 && reply.status < 300)
    {
      g_autoptr(JsonNode) root = parse_json (reply.body, &local);
      gpointer record = NULL;
      gboolean ok;

      if (root != NULL)
        record = kiosk_json_to_record (route->entity, json_node_get_object (root), 0, &local);
      if (record == NULL)
        {
          /* Not acknowledged: the retry with the same key gets the replay. */
          g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                       _("The server's reply cannot be read: %s"), local->message);
          return entry_retry_later (w, entry, OUTCOME_FAILING, reply.status, "malformed reply", error);
        }
      ok = kiosk_replica_outbox_acknowledge (w->replica, entry->id, (int) reply.status,
                                             route->entity, record, error);
      kiosk_record_free (route->entity, record);
      if (!ok)
        return OUTCOME_LOCAL_ERROR;
      w->sent++;
      *touched |= KIOSK_SYNC_ENTITY_BIT (route->entity);
      return OUTCOME_OK;
    }

  if (reply.status == SOUP_STATUS_UNAUTHORIZED)
    {
      /* Nothing is dropped: back to pending, as it was. */
      entry->state = KIOSK_OUTBOX_PENDING;
      if (!kiosk_replica_outbox_update (w->replica, entry, error))
        return OUTCOME_LOCAL_ERROR;
      return classify_failure (&reply, w, error);
    }
  if (reply.status == STATUS_TOO_MANY_REQUESTS)
    {
      outcome = classify_failure (&reply, w, error);
      return entry_retry_later (w, entry, outcome, reply.status, NULL, error);
    }

  if (reply.status >= 400 && reply.status < 500)
    {
      code = kiosk_json_error_code (data ? data : "", (gssize) len);
      if (reply.status == SOUP_STATUS_CONFLICT && g_strcmp0 (code, "request_in_progress") == 0)
        {
          g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                       _("The server is still working on an earlier try"));
          return entry_retry_later (w, entry, OUTCOME_FAILING, reply.status, "request in progress", error);
        }
      if (reply.status == SOUP_STATUS_CONFLICT && g_strcmp0 (code, "phone_exists") == 0 &&
          route->entity == KIOSK_ENTITY_CUSTOMER && route->suffix == NULL)
        return handle_phone_exists (w, entry, &reply, touched, error);

      reason = kiosk_json_error_reason (data ? data : "", (gssize) len);
      if (reason == NULL)
        reason = g_strdup_printf (_("The server refused the change (HTTP %u)"), reply.status);
      if (!kiosk_replica_outbox_refuse (w->replica, entry->id, (int) reply.status, reason, error))
        return OUTCOME_LOCAL_ERROR;
      *touched |= KIOSK_SYNC_ENTITY_BIT (route->entity);
      return OUTCOME_OK;
    }

  /* 5xx and anything else unexpected: the server is failing. */
  outcome = classify_failure (&reply, w, error);
  return entry_retry_later (w, entry, outcome, reply.status, NULL, error);
}

static Outcome
worker_push (Worker  *w,
             gboolean ignore_backoff,
             GError **error)
{
  g_autoptr(GHashTable) tried = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (;;)
    {
      g_autoptr(GPtrArray) due = NULL;
      gboolean progress = FALSE;

      due = kiosk_replica_outbox_due (w->replica, ignore_backoff ? G_MAXINT64 : g_get_real_time (),
                                      DUE_BATCH, error);
      if (due == NULL)
        return OUTCOME_LOCAL_ERROR;
      for (guint i = 0; i < due->len; i++)
        {
          KioskOutboxEntry *entry = g_ptr_array_index (due, i);
          guint touched = 0;
          Outcome outcome;

          /* Each entry once a cycle: an answer always moves it on. */
          if (g_hash_table_contains (tried, &entry->id))
            continue;
          g_hash_table_add (tried, g_memdup2 (&entry->id, sizeof entry->id));
          progress = TRUE;

          outcome = worker_push_one (w, entry, &touched, error);
          worker_update_counts (w);
          worker_publish (w, touched);
          if (outcome != OUTCOME_OK)
            return outcome;
          if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
            return OUTCOME_CANCELLED;
        }
      if (!progress)
        return OUTCOME_OK;
    }
}

/* One pull, push, pull. */
static Outcome
worker_sync (Worker  *w,
             gboolean ignore_backoff,
             GError **error)
{
  Outcome outcome;

  w->sent = 0;
  w->planned_delay = -1;
  outcome = worker_pull (w, error);
  if (outcome == OUTCOME_OK)
    outcome = worker_push (w, ignore_backoff, error);
  /* What was acknowledged comes back through the feed with its version. */
  if (outcome == OUTCOME_OK && w->sent > 0)
    outcome = worker_pull (w, error);
  return outcome;
}

static gint64
worker_failure_delay (Worker *w)
{
  if (w->planned_delay >= 0)
    return w->planned_delay;   /* failures was counted with it */
  w->failures++;
  return worker_backoff_us (w);
}

/* When the outbox next has something to send (µs from @now), or -1. An
 * entry due now but not sent waits on another one (a dependency that backs
 * off): the time that matters is the earliest one in the future. */
static gint64
worker_next_due (Worker *w,
                 gint64  now)
{
  g_autoptr(GPtrArray) entries = NULL;
  gint64 next = kiosk_replica_outbox_next_due (w->replica);
  gint64 best = G_MAXINT64;

  if (next == 0)
    return -1;
  if (next > now)
    return next - now;
  entries = kiosk_replica_outbox_list (w->replica, NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const KioskOutboxEntry *entry = g_ptr_array_index (entries, i);

      if ((entry->state == KIOSK_OUTBOX_PENDING || entry->state == KIOSK_OUTBOX_IN_FLIGHT) &&
          entry->next_attempt_at > now)
        best = MIN (best, entry->next_attempt_at);
    }
  return best == G_MAXINT64 ? -1 : best - now;
}

/* Sets the status after a sync; returns the delay until the next attempt
 * (µs), or -1 when the engine should wait for a nudge. */
static gint64
worker_conclude (Worker       *w,
                 Outcome       outcome,
                 const GError *error)
{
  gint64 delay = -1;
  gint64 now = g_get_real_time ();

  switch (outcome)
    {
    case OUTCOME_OK:
      w->failures = 0;
      w->offline_since = 0;
      worker_update_counts (w);
      w->status.state = w->status.refused > 0 ? KIOSK_SYNC_STATE_NEEDS_ATTENTION : KIOSK_SYNC_STATE_UP_TO_DATE;
      g_clear_pointer (&w->status.since, g_date_time_unref);
      w->status.since = date_time_from_usec (now);
      w->status.received = 0;
      w->status.expected = 0;
      worker_set_reason (w, NULL);
      delay = worker_next_due (w, now);
      worker_set_next_attempt (w, -1);
      break;

    case OUTCOME_OFFLINE:
      delay = worker_failure_delay (w);
      if (w->offline_since == 0)
        w->offline_since = now;
      w->status.state = KIOSK_SYNC_STATE_OFFLINE;
      g_clear_pointer (&w->status.since, g_date_time_unref);
      w->status.since = date_time_from_usec (w->offline_since);
      worker_set_next_attempt (w, delay);
      worker_set_reason (w, error ? error->message : NULL);
      break;

    case OUTCOME_THROTTLED:
      delay = (gint64) MAX (w->retry_after, 1) * G_USEC_PER_SEC;
      w->status.state = KIOSK_SYNC_STATE_WAITING;
      worker_set_next_attempt (w, delay);
      worker_set_reason (w, error ? error->message : NULL);
      break;

    case OUTCOME_FAILING:
    case OUTCOME_LOCAL_ERROR:
      delay = worker_failure_delay (w);
      w->status.state = outcome == OUTCOME_FAILING ? KIOSK_SYNC_STATE_WAITING : KIOSK_SYNC_STATE_NEEDS_ATTENTION;
      worker_set_next_attempt (w, delay);
      worker_set_reason (w, error ? error->message : NULL);
      if (outcome == OUTCOME_LOCAL_ERROR)
        g_warning ("Sync stopped by a local error: %s", error ? error->message : "unknown");
      break;

    case OUTCOME_UNAUTHORIZED:
      w->unauthorized = TRUE;
      w->status.state = KIOSK_SYNC_STATE_UNENROLLED;
      worker_set_next_attempt (w, -1);
      worker_set_reason (w, error ? error->message : NULL);
      worker_ws_drop (w);
      break;

    case OUTCOME_CANCELLED:
      return -1;

    default:
      g_assert_not_reached ();
    }
  worker_update_counts (w);
  return delay;
}

static void
worker_set_unenrolled (Worker       *w,
                       const GError *error)
{
  w->status.state = KIOSK_SYNC_STATE_UNENROLLED;
  worker_set_reason (w, error ? error->message : NULL);
  worker_set_next_attempt (w, -1);
  worker_update_counts (w);
  worker_publish (w, 0);
}

/* ---------------------------------------------------- the threaded worker */

static gboolean
cycle_cb (gpointer data)
{
  Worker *w = data;
  g_autoptr(GError) error = NULL;
  gboolean ignore_backoff = w->ignore_backoff;
  Outcome outcome;
  gint64 delay;

  g_clear_pointer (&w->cycle_source, g_source_unref);
  w->ignore_backoff = FALSE;
  w->cycle_started = g_get_monotonic_time ();
  if (g_cancellable_is_cancelled (w->cancellable))
    return G_SOURCE_REMOVE;

  if (w->replica == NULL || w->session == NULL)
    {
      if (!worker_open (w, &error))
        {
          w->failures++;
          w->status.state = KIOSK_SYNC_STATE_NEEDS_ATTENTION;
          worker_set_reason (w, error->message);
          g_warning ("The sync engine cannot start: %s", error->message);
          worker_publish (w, 0);
          worker_schedule_cycle (w, worker_backoff_us (w), FALSE);
          return G_SOURCE_REMOVE;
        }
    }

  switch (worker_enrollment (w, &error))
    {
    case ENROLL_OK:
      break;
    case ENROLL_NONE:
      /* Waits for a nudge (pairing nudges the engine). */
      worker_set_unenrolled (w, error);
      return G_SOURCE_REMOVE;
    case ENROLL_NO_STORE:
      /* A keyring unlocked later tells nobody: look again now and then. */
      worker_set_unenrolled (w, error);
      w->reread_enrollment = TRUE;
      worker_schedule_cycle (w, worker_poll_us (w), FALSE);
      return G_SOURCE_REMOVE;
    default:
      g_assert_not_reached ();
    }
  if (w->unauthorized)
    {
      worker_publish (w, 0);
      return G_SOURCE_REMOVE;
    }

  outcome = worker_sync (w, ignore_backoff, &error);
  delay = worker_conclude (w, outcome, error);
  worker_publish (w, 0);
  if (outcome == OUTCOME_CANCELLED || outcome == OUTCOME_UNAUTHORIZED)
    return G_SOURCE_REMOVE;

  /* Without live nudges the feed is polled. */
  if (w->ws == NULL)
    {
      gint64 poll = worker_poll_us (w);
      delay = delay < 0 ? poll : MIN (delay, poll);
    }
  if (delay >= 0)
    worker_schedule_cycle (w, delay, FALSE);
  worker_ws_connect (w);
  return G_SOURCE_REMOVE;
}

/* Runs a cycle after @delay_us, unless one is due sooner (@force: replace
 * whatever is scheduled). */
static void
worker_schedule_cycle (Worker  *w,
                       gint64   delay_us,
                       gboolean force)
{
  gint64 at = g_get_monotonic_time () + MAX (delay_us, 0);

  if (g_cancellable_is_cancelled (w->cancellable))
    return;
  if (w->cycle_source != NULL)
    {
      if (!force && w->cycle_at <= at)
        return;
      g_source_destroy (w->cycle_source);
      g_clear_pointer (&w->cycle_source, g_source_unref);
    }
  w->cycle_at = at;
  w->cycle_source = g_timeout_source_new ((guint) MIN (MAX (delay_us, 0) / 1000, G_MAXUINT));
  g_source_set_static_name (w->cycle_source, "[kiosk-sync] cycle");
  g_source_set_callback (w->cycle_source, cycle_cb, w, NULL);
  g_source_attach (w->cycle_source, w->context);
}

static void
ws_message_cb (SoupWebsocketConnection *conn,
               SoupWebsocketDataType    type,
               GBytes                  *message,
               gpointer                 user_data)
{
  Worker *w = user_data;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    return;
  root = parse_json (message, NULL);
  if (root == NULL)
    return;
  object = json_node_get_object (root);
  /* A nudge only wakes the pull: its cursor is not trusted. */
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "type", NULL), "changes") == 0)
    {
      gint64 gap = w->cycle_started + NUDGE_MIN_GAP_US - g_get_monotonic_time ();

      worker_schedule_cycle (w, MAX (gap, 0) + g_random_int_range (0, NUDGE_JITTER_US), FALSE);
    }
}

static gboolean
reconnect_cb (gpointer data)
{
  Worker *w = data;

  g_clear_pointer (&w->reconnect_source, g_source_unref);
  worker_ws_connect (w);
  return G_SOURCE_REMOVE;
}

static void
worker_ws_lost (Worker *w)
{
  gint64 delay;

  w->ws_failures++;
  delay = backoff_us (w->timings.reconnect_base_ms, w->timings.reconnect_cap_ms, w->ws_failures);
  if (w->reconnect_source == NULL && !g_cancellable_is_cancelled (w->cancellable))
    {
      w->reconnect_source = g_timeout_source_new ((guint) (delay / 1000));
      g_source_set_static_name (w->reconnect_source, "[kiosk-sync] reconnect");
      g_source_set_callback (w->reconnect_source, reconnect_cb, w, NULL);
      g_source_attach (w->reconnect_source, w->context);
    }
  /* Poll meanwhile. */
  worker_schedule_cycle (w, worker_poll_us (w), FALSE);
}

static void
ws_closed_cb (SoupWebsocketConnection *conn,
              gpointer                 user_data)
{
  Worker *w = user_data;

  g_debug ("The live connection closed; polling meanwhile");
  worker_ws_drop (w);
  worker_ws_lost (w);
}

static void
ws_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Worker *w = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *conn;

  w->ws_connecting = FALSE;
  conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (conn == NULL)
    {
      if (g_cancellable_is_cancelled (w->cancellable))
        return;
      g_debug ("No live connection (%s); polling", error->message);
      worker_ws_lost (w);
      return;
    }
  if (g_cancellable_is_cancelled (w->cancellable) || w->unauthorized)
    {
      soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_object_unref (conn);
      return;
    }
  w->ws = conn;
  w->ws_failures = 0;
  g_signal_connect (conn, "message", G_CALLBACK (ws_message_cb), w);
  g_signal_connect (conn, "closed", G_CALLBACK (ws_closed_cb), w);
  /* Catch up on what happened while there was no connection. */
  worker_schedule_cycle (w, 0, FALSE);
}

static void
worker_ws_connect (Worker *w)
{
  g_autofree char *url = NULL;
  g_autofree char *auth = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  if (w->ws != NULL || w->ws_connecting || w->reconnect_source != NULL ||
      w->token == NULL || w->server_url == NULL || w->unauthorized ||
      g_cancellable_is_cancelled (w->cancellable))
    return;
  url = g_strconcat (w->server_url, API_PREFIX, "events/", NULL);
  msg = soup_message_new ("GET", url);
  if (msg == NULL)
    return;
  auth = g_strconcat ("Token ", w->token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  memset (auth, 0, strlen (auth));
  w->ws_connecting = TRUE;
  soup_session_websocket_connect_async (w->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        w->cancellable, ws_connected_cb, w);
}

static gboolean
nudge_cb (gpointer data)
{
  Worker *w = data;

  /* Pairing nudges too: read the enrollment again (a new token lifts a
   * 401; the old one stays refused). */
  w->reread_enrollment = TRUE;
  worker_schedule_cycle (w, 0, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
network_back_cb (gpointer data)
{
  Worker *w = data;
  gint64 spread = (gint64) (g_random_double () * w->timings.network_return_ms * 1000.0);

  /* Many kiosks see the same outage end: spread the first retry, then
   * retry everything that was backing off. */
  g_debug ("The network is back: next attempt in %" G_GINT64_FORMAT " ms", spread / 1000);
  w->ignore_backoff = TRUE;
  w->failures = 0;
  worker_schedule_cycle (w, spread, TRUE);
  if (w->ws == NULL && !w->ws_connecting)
    {
      w->ws_failures = 0;
      if (w->reconnect_source)
        g_source_destroy (w->reconnect_source);
      g_clear_pointer (&w->reconnect_source, g_source_unref);
      w->reconnect_source = g_timeout_source_new ((guint) (spread / 1000));
      g_source_set_callback (w->reconnect_source, reconnect_cb, w, NULL);
      g_source_attach (w->reconnect_source, w->context);
    }
  return G_SOURCE_REMOVE;
}

static gpointer
worker_thread_main (gpointer data)
{
  Worker *w = data;

  g_main_context_push_thread_default (w->context);
  worker_schedule_cycle (w, 0, TRUE);
  g_main_loop_run (w->loop);
  worker_release (w);
  g_main_context_pop_thread_default (w->context);
  return NULL;
}

/* ------------------------------------------------------------- the object */

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    gpointer         user_data)
{
  KioskSyncEngine *self = user_data;
  gboolean was = self->network_available;

  self->network_available = available;
  if (available && !was)
    {
      g_mutex_lock (&self->lock);
      if (self->running != NULL)
        g_main_context_invoke (self->running->context, network_back_cb, self->running);
      g_mutex_unlock (&self->lock);
    }
}

static void
kiosk_sync_engine_dispose (GObject *object)
{
  KioskSyncEngine *self = (KioskSyncEngine *) object;

  kiosk_sync_engine_stop (self);
  G_OBJECT_CLASS (kiosk_sync_engine_parent_class)->dispose (object);
}

static void
kiosk_sync_engine_finalize (GObject *object)
{
  KioskSyncEngine *self = (KioskSyncEngine *) object;

  g_clear_object (&self->monitor);
  g_clear_object (&self->credentials);
  g_free (self->replica_path);
  g_free (self->ca_file);
  status_clear (&self->pub);
  status_clear (&self->shared);
  g_clear_pointer (&self->owner, g_main_context_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (kiosk_sync_engine_parent_class)->finalize (object);
}

static void
kiosk_sync_engine_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KioskSyncEngine *self = KIOSK_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->pub.state);
      break;
    case PROP_SINCE:
      g_value_set_boxed (value, self->pub.since);
      break;
    case PROP_NEXT_ATTEMPT:
      g_value_set_boxed (value, self->pub.next_attempt);
      break;
    case PROP_RECORDS_RECEIVED:
      g_value_set_uint64 (value, self->pub.received);
      break;
    case PROP_RECORDS_EXPECTED:
      g_value_set_uint64 (value, self->pub.expected);
      break;
    case PROP_REFUSED_COUNT:
      g_value_set_uint (value, self->pub.refused);
      break;
    case PROP_WAITING_COUNT:
      g_value_set_uint (value, self->pub.waiting);
      break;
    case PROP_CLOCK_SKEW:
      g_value_set_int64 (value, self->pub.skew);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->pub.reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_sync_engine_class_init (KioskSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = kiosk_sync_engine_dispose;
  object_class->finalize = kiosk_sync_engine_finalize;
  object_class->get_property = kiosk_sync_engine_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, KIOSK_TYPE_SYNC_STATE, KIOSK_SYNC_STATE_UNENROLLED, ro);
  properties[PROP_SINCE] =
    g_param_spec_boxed ("since", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_NEXT_ATTEMPT] =
    g_param_spec_boxed ("next-attempt", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_RECORDS_RECEIVED] =
    g_param_spec_uint64 ("records-received", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_RECORDS_EXPECTED] =
    g_param_spec_uint64 ("records-expected", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_REFUSED_COUNT] =
    g_param_spec_uint ("refused-count", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_WAITING_COUNT] =
    g_param_spec_uint ("waiting-count", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_CLOCK_SKEW] =
    g_param_spec_int64 ("clock-skew", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted on the creator's main context with the entities touched. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
kiosk_sync_engine_init (KioskSyncEngine *self)
{
  g_mutex_init (&self->lock);
  self->timings = (KioskSyncTimings) {
    .backoff_base_ms = 1000,
    .backoff_cap_ms = 5 * 60 * 1000,
    .network_return_ms = 30 * 1000,
    .poll_interval_ms = 30 * 1000,
    .reconnect_base_ms = 1000,
    .reconnect_cap_ms = 5 * 60 * 1000,
  };
  self->pub.state = KIOSK_SYNC_STATE_UNENROLLED;
  self->shared.state = KIOSK_SYNC_STATE_UNENROLLED;
  self->accept_publish = TRUE;
}

KioskSyncEngine *
kiosk_sync_engine_new (const char       *replica_path,
                       KioskCredentials *credentials,
                       const char       *ca_file)
{
  KioskSyncEngine *self;

  g_return_val_if_fail (replica_path != NULL, NULL);
  g_return_val_if_fail (KIOSK_IS_CREDENTIALS (credentials), NULL);

  self = g_object_new (KIOSK_TYPE_SYNC_ENGINE, NULL);
  self->replica_path = g_strdup (replica_path);
  self->credentials = g_object_ref (credentials);
  self->ca_file = g_strdup (ca_file);
  self->owner = g_main_context_ref_thread_default ();
  self->owner_thread = g_thread_self ();
  return self;
}

void
kiosk_sync_engine_get_timings (KioskSyncEngine  *self,
                               KioskSyncTimings *timings)
{
  g_return_if_fail (KIOSK_IS_SYNC_ENGINE (self));
  *timings = self->timings;
}

void
kiosk_sync_engine_set_timings (KioskSyncEngine        *self,
                               const KioskSyncTimings *timings)
{
  g_return_if_fail (KIOSK_IS_SYNC_ENGINE (self));
  g_return_if_fail (timings != NULL);
  g_return_if_fail (timings->backoff_base_ms > 0 && timings->backoff_cap_ms >= timings->backoff_base_ms);
  g_return_if_fail (timings->reconnect_base_ms > 0 && timings->reconnect_cap_ms >= timings->reconnect_base_ms);
  g_return_if_fail (timings->poll_interval_ms > 0);
  self->timings = *timings;
}

void
kiosk_sync_engine_set_network_monitor (KioskSyncEngine *self,
                                       GNetworkMonitor *monitor)
{
  g_return_if_fail (KIOSK_IS_SYNC_ENGINE (self));
  g_return_if_fail (self->thread == NULL);
  g_set_object (&self->monitor, monitor);
}

void
kiosk_sync_engine_start (KioskSyncEngine *self)
{
  g_return_if_fail (KIOSK_IS_SYNC_ENGINE (self));

  if (self->thread != NULL)
    return;
  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_available = g_network_monitor_get_network_available (self->monitor);
  self->monitor_handler = g_signal_connect (self->monitor, "network-changed",
                                            G_CALLBACK (network_changed_cb), self);

  self->worker = worker_new (self, TRUE, NULL);
  g_mutex_lock (&self->lock);
  self->accept_publish = TRUE;
  self->running = self->worker;
  g_mutex_unlock (&self->lock);
  self->thread = g_thread_new ("kiosk-sync", worker_thread_main, self->worker);
}

void
kiosk_sync_engine_stop (KioskSyncEngine *self)
{
  Worker *w;

  g_return_if_fail (KIOSK_IS_SYNC_ENGINE (self));

  if (self->thread == NULL)
    return;
  g_clear_signal_handler (&self->monitor_handler, self->monitor);

  w = self->worker;
  g_mutex_lock (&self->lock);
  self->accept_publish = FALSE;
  self->running = NULL;
  g_mutex_unlock (&self->lock);

  g_cancellable_cancel (w->cancellable);
  g_main_loop_quit (w->loop);
  g_thread_join (g_steal_pointer (&self->thread));
  worker_free (g_steal_pointer (&self->worker));
  g_mutex_lock (&self->lock);
  self->accept_publish = TRUE;
  g_mutex_unlock (&self->lock);
}

void
kiosk_sync_engine_nudge (KioskSyncEngine *self)
{
  g_return_if_fail (KIOSK_IS_SYNC_ENGINE (self));

  g_mutex_lock (&self->lock);
  if (self->running != NULL)
    g_main_context_invoke (self->running->context, nudge_cb, self->running);
  g_mutex_unlock (&self->lock);
}

KioskSyncState
kiosk_sync_engine_get_state (KioskSyncEngine *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_ENGINE (self), KIOSK_SYNC_STATE_UNENROLLED);
  return self->pub.state;
}

GDateTime *
kiosk_sync_engine_dup_since (KioskSyncEngine *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_ENGINE (self), NULL);
  return self->pub.since ? g_date_time_ref (self->pub.since) : NULL;
}

GDateTime *
kiosk_sync_engine_dup_next_attempt (KioskSyncEngine *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_ENGINE (self), NULL);
  return self->pub.next_attempt ? g_date_time_ref (self->pub.next_attempt) : NULL;
}

guint64
kiosk_sync_engine_get_records_received (KioskSyncEngine *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_ENGINE (self), 0);
  return self->pub.received;
}

guint64
kiosk_sync_engine_get_records_expected (KioskSyncEngine *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_ENGINE (self), 0);
  return self->pub.expected;
}

guint
kiosk_sync_engine_get_refused_count (KioskSyncEngine *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_ENGINE (self), 0);
  return self->pub.refused;
}

guint
kiosk_sync_engine_get_waiting_count (KioskSyncEngine *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_ENGINE (self), 0);
  return self->pub.waiting;
}

gint64
kiosk_sync_engine_get_clock_skew (KioskSyncEngine *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_ENGINE (self), 0);
  return self->pub.skew;
}

const char *
kiosk_sync_engine_get_reason (KioskSyncEngine *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_ENGINE (self), NULL);
  return self->pub.reason;
}

/* ------------------------------------------------------------- run once */

KioskSyncOnceResult
kiosk_sync_engine_run_once (KioskSyncEngine  *self,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_autoptr(GError) local = NULL;
  KioskSyncOnceResult result;
  gboolean on_owner_thread;
  Worker *w;

  g_return_val_if_fail (KIOSK_IS_SYNC_ENGINE (self), KIOSK_SYNC_ONCE_FAILED);
  g_return_val_if_fail (self->thread == NULL, KIOSK_SYNC_ONCE_FAILED);

  on_owner_thread = g_thread_self () == self->owner_thread;
  if (on_owner_thread)
    {
      /* Applied below at once; no idle is left holding the engine. */
      g_mutex_lock (&self->lock);
      self->accept_publish = FALSE;
      g_mutex_unlock (&self->lock);
    }
  w = worker_new (self, FALSE, cancellable);
  g_main_context_push_thread_default (w->context);

  if (!worker_open (w, &local))
    {
      result = KIOSK_SYNC_ONCE_FAILED;
      goto out;
    }
  switch (worker_enrollment (w, &local))
    {
    case ENROLL_OK:
      break;
    case ENROLL_NONE:
      worker_set_unenrolled (w, local);
      result = KIOSK_SYNC_ONCE_UNENROLLED;
      goto out;
    case ENROLL_NO_STORE:
      worker_set_unenrolled (w, local);
      result = KIOSK_SYNC_ONCE_FAILED;
      goto out;
    default:
      g_assert_not_reached ();
    }

  {
    Outcome outcome = worker_sync (w, TRUE, &local);

    worker_conclude (w, outcome, local);
    worker_publish (w, 0);
    switch (outcome)
      {
      case OUTCOME_OK:
        result = w->status.refused > 0 ? KIOSK_SYNC_ONCE_REFUSED : KIOSK_SYNC_ONCE_UP_TO_DATE;
        break;
      case OUTCOME_OFFLINE:
      case OUTCOME_THROTTLED:
      case OUTCOME_FAILING:
        result = KIOSK_SYNC_ONCE_UNREACHABLE;
        break;
      case OUTCOME_UNAUTHORIZED:
        result = KIOSK_SYNC_ONCE_UNENROLLED;
        break;
      case OUTCOME_LOCAL_ERROR:
      case OUTCOME_CANCELLED:
        result = KIOSK_SYNC_ONCE_FAILED;
        break;
      default:
        g_assert_not_reached ();
      }
  }

out:
  if (result != KIOSK_SYNC_ONCE_UP_TO_DATE && result != KIOSK_SYNC_ONCE_REFUSED && local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  else if (result != KIOSK_SYNC_ONCE_UP_TO_DATE && result != KIOSK_SYNC_ONCE_REFUSED)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Sync failed"));
  worker_release (w);
  g_main_context_pop_thread_default (w->context);
  worker_free (w);
  /* The caller's own thread sees the outcome at once. */
  if (on_owner_thread)
    {
      g_mutex_lock (&self->lock);
      self->accept_publish = TRUE;
      g_mutex_unlock (&self->lock);
      engine_apply_shared (self);
    }
  return result;
}

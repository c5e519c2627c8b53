/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Between the parts of the sync engine; not for anyone else. The engine
 * (kiosk-sync-engine.c: the GObject, its properties and the hand-over of
 * the worker's status to the owner thread) runs a Worker
 * (kiosk-sync-worker.c: its life and its cycle), which pulls
 * (kiosk-sync-puller.c), pushes (kiosk-sync-uploader.c), talks HTTP
 * (kiosk-sync-http.c) and listens for nudges (kiosk-sync-nudges.c).
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kiosk-replica-sync.h"
#include "kiosk-feed-reader.h"
#include "kiosk-json.h"
#include "kiosk-sync-engine.h"
#include "kiosk-transport.h"

G_BEGIN_DECLS

#define API_PREFIX         "/api/kiosk/v1/"
#define FEED_LIMIT         1000
#define MAX_BODY_BYTES     (16 * 1024 * 1024)
#define MAX_RETRY_AFTER_S  3600
#define DUE_BATCH          32
#define MAX_410_IN_A_ROW   3
#define STATUS_TOO_MANY_REQUESTS 429
/* A salon's every commit nudges every one of its kiosks (§3.5). A nudge
 * pulls at once unless nudges come faster than the pulls they wake: then
 * a pull a nudge wakes starts no sooner than a gap after the previous
 * cycle started, plus up to 2/5 of the gap as jitter, so that many kiosks
 * neither pull once per change nor all in the same instant
 * (kiosk-sync-nudges.c). A pull that serves two nudges or more (they came
 * while a pull was in flight or due) doubles the gap, from
 * NUDGE_GAP_MIN_US up to NUDGE_GAP_MAX_US; a pull that serves one halves
 * it (below the least: 0); NUDGE_QUIET_US without a nudge sets it to 0.
 * Nudges that each come after the previous pull (kiosk A books, B sees
 * it, A books again) thus pull at once, however close together. A socket
 * that has just (re)connected starts at the most: after an outage the
 * whole fleet comes back and uploads at once. In a storm the gap is the
 * one the kiosk always had: 250 ms and 0–100 ms of jitter. */
#define NUDGE_GAP_MIN_US   (50 * G_TIME_SPAN_MILLISECOND)
#define NUDGE_GAP_MAX_US   (250 * G_TIME_SPAN_MILLISECOND)
/* Long enough that a server that stalls for a moment in a storm (and
 * nudges nobody meanwhile) does not end it for the whole fleet at once. */
#define NUDGE_QUIET_US     (5 * G_TIME_SPAN_SECOND)
/* Progress alone (records received, counts, a snapshot's pages) reaches
 * the main thread at most this often: a snapshot applies dozens of pages a
 * second, and every delivery is main-thread work (notifications, "changed"
 * and the UI's reloads and relayout) and a chance to wait on a lock another
 * thread holds. A change of state, and outside a snapshot the entities
 * touched, go at once. */
#define PUBLISH_MIN_INTERVAL_US (250 * G_TIME_SPAN_MILLISECOND)

typedef struct {
  KioskSyncState  state;
  GDateTime      *since;
  GDateTime      *next_attempt;
  guint64         received;
  guint64         expected;
  guint           refused;
  guint           waiting;
  gint64          skew;
  gboolean        skew_warning;
  char           *reason;
} KioskSyncSnapshot;

typedef struct _KioskSyncWorker KioskSyncWorker;

struct _KioskSyncEngine
{
  GObject           parent_instance;

  char             *replica_path;
  KioskCredentials *credentials;
  char             *ca_file;
  KioskSyncTimings  timings;

  GMainContext     *owner;         /* where properties notify and signals fire */
  GThread          *owner_thread;
  KioskSyncSnapshot            pub;           /* what the properties say (owner thread only) */

  GNetworkMonitor  *monitor;
  gulong            monitor_handler;
  gboolean          network_available;

  /* The hand-over from the publishing thread (the worker) to the owner
   * thread takes no lock that the owner thread also takes: the worker may
   * be preempted anywhere (it runs niced), and the UI must never wait for
   * it. The worker swaps its latest status into the mailbox and writes a
   * byte to a pipe the owner's context polls; the owner swaps it out. */
  KioskSyncSnapshot           *mailbox;        /* atomic: the newest status not yet taken */
  guint             touched;        /* atomic: entities touched since the last delivery */
  gint              urgent;         /* atomic: deliver without waiting for the interval */
  gint              wake_pending;   /* atomic: a byte is in the pipe or a delivery is queued */
  int               wake_fds[2];    /* the pipe: read end polled on the owner's context */
  GSource          *wake_source;    /* on the owner's context */
  /* The publishing thread's own (one publisher at a time: the thread, or
   * the caller of run_once): the last status published. */
  KioskSyncSnapshot            shared;
  /* Owner thread only. */
  gint64            last_delivery;  /* monotonic µs of the last delivery */
  GSource          *publish_delayed; /* a delivery waiting for the interval */

  /* Guarded by lock: the running worker, for nudges and the network. */
  GMutex            lock;
  KioskSyncWorker           *running;       /* the threaded worker, for nudges */

  GThread          *thread;
  KioskSyncWorker           *worker;
};

typedef enum {
  KIOSK_SYNC_OUTCOME_OK,
  KIOSK_SYNC_OUTCOME_OFFLINE,       /* no connection, time-out, reset */
  KIOSK_SYNC_OUTCOME_THROTTLED,     /* 429: wait retry_after */
  KIOSK_SYNC_OUTCOME_FAILING,       /* 5xx, malformed reply, request in progress */
  KIOSK_SYNC_OUTCOME_UNAUTHORIZED,  /* 401 */
  KIOSK_SYNC_OUTCOME_LOCAL_ERROR,   /* the replica failed */
  KIOSK_SYNC_OUTCOME_CANCELLED,
} KioskSyncOutcome;

typedef enum {
  KIOSK_SYNC_ENROLL_OK,
  KIOSK_SYNC_ENROLL_NONE,           /* not paired, or no token: reason says which */
  KIOSK_SYNC_ENROLL_NO_STORE,       /* no secret store answers */
} KioskSyncEnrollResult;

struct _KioskSyncWorker
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
  gboolean          revoked;        /* the replica records this device as refused */
  char             *refused_detail; /* the "detail" of the last 401, or NULL */

  KioskSyncSnapshot            status;
  gint64            offline_since;  /* µs, 0 when online */
  guint             failures;       /* transient failures in a row */
  guint             retry_after;    /* seconds, after KIOSK_SYNC_OUTCOME_THROTTLED */
  gboolean          skew_warned;
  gboolean          ignore_backoff; /* the network returned: retry everything once */
  guint             sent;           /* entries acknowledged this cycle */
  gint64            planned_delay;  /* µs an entry was put back by, -1: none */

  GSource          *cycle_source;
  gint64            cycle_at;       /* monotonic µs */
  /* Monotonic µs before which no cycle starts: a 429's Retry-After binds
   * everything (nudges and the network's return too); a back-off after a
   * failure binds nudges, so that a failing server is not hit at the rate
   * of its own commits. 0: no bound. */
  gint64            throttled_until;
  gint64            backoff_until;
  gint64            cycle_started;  /* monotonic µs, the last cycle's start */
  /* Live nudges (kiosk-sync-nudges.c): the gap between the pulls they
   * wake (µs, 0: at once), when the last one was read (monotonic µs, 0:
   * never), how many came since the last cycle started, and, from a
   * cycle's end until the loop has read what came meanwhile, a low
   * priority idle source (frames read while it waits came during the
   * cycle). */
  gint64            nudge_gap;
  gint64            last_nudge;
  guint             nudges;
  GSource          *settle_source;

  SoupWebsocketConnection *ws;
  SoupMessage      *ws_msg;         /* the upgrade request while ws_connecting */
  gboolean          ws_connecting;
  gboolean          ws_refused;     /* the server has no live nudges (404/426, §3.5) */
  guint             ws_failures;
  GSource          *reconnect_source;
};

typedef struct {
  guint    status;
  GBytes  *body;
  guint    retry_after;   /* seconds; 0 when the reply said nothing */
  gboolean has_skew;      /* the reply had a usable Date header */
  gint64   skew;          /* µs, server - local */
} KioskSyncReply;



/* kiosk-sync-engine.c: the status and its hand-over to the owner thread */
void       kiosk_sync_status_clear        (KioskSyncSnapshot           *s);
void       kiosk_sync_status_copy         (KioskSyncSnapshot           *dest,
                                           const KioskSyncSnapshot     *src);
GDateTime *kiosk_sync_date_time_from_usec (gint64            usec);
void       kiosk_sync_engine_publish      (KioskSyncEngine  *self,
                                           const KioskSyncSnapshot     *status,
                                           guint             touched);

/* kiosk-sync-worker.c */
KioskSyncWorker      *kiosk_sync_worker_new               (KioskSyncEngine *engine,
                                                  gboolean         threaded,
                                                  GCancellable    *cancellable);
void         kiosk_sync_worker_release           (KioskSyncWorker          *w);
void         kiosk_sync_worker_free              (KioskSyncWorker          *w);
gboolean     kiosk_sync_worker_open              (KioskSyncWorker          *w,
                                                  GError         **error);
KioskSyncEnrollResult kiosk_sync_worker_enrollment        (KioskSyncWorker          *w,
                                                  GError         **error);
void         kiosk_sync_worker_publish           (KioskSyncWorker          *w,
                                                  guint            touched);
void         kiosk_sync_worker_set_reason        (KioskSyncWorker          *w,
                                                  const char      *reason);
void         kiosk_sync_worker_set_next_attempt  (KioskSyncWorker          *w,
                                                  gint64           delay_us);
void         kiosk_sync_worker_update_counts     (KioskSyncWorker          *w);
gint64       kiosk_sync_backoff_us               (guint            base_ms,
                                                  guint            cap_ms,
                                                  guint            n);
gint64       kiosk_sync_worker_backoff_us        (KioskSyncWorker          *w);
gint64       kiosk_sync_worker_poll_us           (KioskSyncWorker          *w);
KioskSyncOutcome      kiosk_sync_worker_sync              (KioskSyncWorker          *w,
                                                  gboolean         ignore_backoff,
                                                  GError         **error);
gint64       kiosk_sync_worker_failure_delay     (KioskSyncWorker          *w);
gint64       kiosk_sync_worker_conclude          (KioskSyncWorker          *w,
                                                  KioskSyncOutcome          outcome,
                                                  const GError    *error);
void         kiosk_sync_worker_set_unenrolled    (KioskSyncWorker          *w,
                                                  const GError    *error);
gboolean     kiosk_sync_worker_schedule_cycle    (KioskSyncWorker          *w,
                                                  gint64           delay_us,
                                                  gboolean         force);
gpointer     kiosk_sync_worker_thread_main       (gpointer         data);
/* The nice value of the sync threads (the UI's thread keeps 0). */
#define KIOSK_SYNC_THREAD_NICE 10
void         kiosk_sync_lower_thread_priority    (void);

/* kiosk-sync-http.c */
void         kiosk_sync_reply_clear              (KioskSyncReply           *reply);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KioskSyncReply, kiosk_sync_reply_clear)
void         kiosk_sync_worker_note_skew         (KioskSyncWorker          *w,
                                                  const KioskSyncReply     *reply);
KioskSyncOutcome      kiosk_sync_http_exchange            (SoupSession     *session,
                                                  const char      *server_url,
                                                  const char      *token,
                                                  GCancellable    *cancellable,
                                                  const char      *method,
                                                  const char      *path,
                                                  const char      *body,
                                                  const char      *idempotency_key,
                                                  KioskSyncReply           *reply,
                                                  GError         **error);
KioskSyncOutcome      kiosk_sync_worker_http              (KioskSyncWorker          *w,
                                                  const char      *method,
                                                  const char      *path,
                                                  const char      *body,
                                                  const char      *idempotency_key,
                                                  KioskSyncReply           *reply,
                                                  GError         **error);
KioskSyncOutcome      kiosk_sync_classify_failure         (const KioskSyncReply     *reply,
                                                  KioskSyncWorker          *w,
                                                  GError         **error);
JsonNode    *kiosk_sync_parse_json               (GBytes          *body,
                                                  GError         **error);

/* kiosk-sync-puller.c */
KioskSyncOutcome      kiosk_sync_worker_pull              (KioskSyncWorker          *w,
                                                  GError         **error);

/* kiosk-sync-uploader.c */
KioskSyncOutcome      kiosk_sync_worker_push              (KioskSyncWorker          *w,
                                                  gboolean         ignore_backoff,
                                                  GError         **error);

/* kiosk-sync-nudges.c (on the worker's context) */
void         kiosk_sync_worker_ws_connect        (KioskSyncWorker          *w);
void         kiosk_sync_worker_ws_drop           (KioskSyncWorker          *w);
void         kiosk_sync_worker_ws_lost           (KioskSyncWorker          *w);
void         kiosk_sync_worker_nudges_served     (KioskSyncWorker          *w);
void         kiosk_sync_worker_nudges_cycle_done (KioskSyncWorker          *w);
gboolean     kiosk_sync_nudge_cb                 (gpointer         data);
gboolean     kiosk_sync_network_back_cb          (gpointer         data);

G_END_DECLS

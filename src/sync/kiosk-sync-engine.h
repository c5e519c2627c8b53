/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The sync engine: its own thread with its own GMainContext, SoupSession and
 * replica connection. It pulls the change feed, uploads the outbox exactly
 * once, listens for live nudges, and tells the UI what it is doing through
 * properties and signals that are always emitted on the thread-default main
 * context of whoever created the engine (the UI's main thread). It never
 * touches widgets and the UI never waits for it.
 */
#pragma once

#include <gio/gio.h>

#include "kiosk-records.h"
#include "kiosk-sync-state.h"  /* KioskSyncState, KIOSK_SYNC_SKEW_WARNING_US */
#include "kiosk-credentials.h"

G_BEGIN_DECLS

/* Exit codes of `salonity-kiosk --sync-once`, documented in the README. */
typedef enum {
  KIOSK_SYNC_ONCE_UP_TO_DATE  = 0,
  KIOSK_SYNC_ONCE_FAILED      = 1,   /* local trouble: replica, disk, secret store */
  KIOSK_SYNC_ONCE_REFUSED     = 3,   /* up to date, but refused changes wait for staff */
  KIOSK_SYNC_ONCE_UNREACHABLE = 4,   /* server unreachable, throttled or failing (5xx) */
  KIOSK_SYNC_ONCE_UNENROLLED  = 5,   /* no token, or the server said 401 */
} KioskSyncOnceResult;

/* Meta keys in the replica describing the enrollment (the token itself is
 * only in the Secret Service). */
#define KIOSK_META_SERVER_URL  "server_url"
#define KIOSK_META_SALON       "salon"
#define KIOSK_META_DEVICE      "device"
#define KIOSK_META_DEVICE_NAME "device_name"

#define KIOSK_TYPE_SYNC_STATE (kiosk_sync_state_get_type ())
GType kiosk_sync_state_get_type (void);

/* The "changed" signal (void (*) (KioskSyncEngine *, guint entities)) says
 * which entities the engine touched in the replica since the last emission,
 * as a mask of KIOSK_SYNC_ENTITY_BIT (KioskEntity). */
#define KIOSK_SYNC_ENTITY_BIT(entity) (1u << (guint) (entity))
#define KIOSK_SYNC_ALL_ENTITIES       ((1u << KIOSK_N_ENTITIES) - 1)

/* Intervals, in milliseconds. The defaults are the production ones; tests
 * shorten them. Set before kiosk_sync_engine_start(). */
typedef struct {
  guint backoff_base_ms;        /* 1 s: first back-off ceiling, doubling … */
  guint backoff_cap_ms;         /* … up to 5 min (full jitter below it) */
  guint network_return_ms;      /* 30 s: the first retry after the network returns is spread over it */
  guint poll_interval_ms;       /* 30 s ± 20 %: polling while no WebSocket */
  guint reconnect_base_ms;      /* 1 s: WebSocket reconnect back-off … */
  guint reconnect_cap_ms;       /* … up to 5 min */
  guint events_refused_ms;      /* 20 min: after a 404 or 426 on the upgrade (a server without
                                 * live nudges, docs/kiosk-api.md §3.5) the socket is tried
                                 * again after 0.5–1.5 times this (10–30 min); the feed is
                                 * polled meanwhile */
  guint request_timeout_s;      /* 30 s (KIOSK_TRANSPORT_TIMEOUT_SECONDS): a reply slower
                                 * than this counts as the server being unreachable */
} KioskSyncTimings;

#define KIOSK_TYPE_SYNC_ENGINE (kiosk_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (KioskSyncEngine, kiosk_sync_engine, KIOSK, SYNC_ENGINE, GObject)

/* @replica_path: the replica file (the engine opens its own connection).
 * @ca_file: a PEM CA bundle for private deployments, or NULL. */
KioskSyncEngine    *kiosk_sync_engine_new          (const char        *replica_path,
                                                    KioskCredentials  *credentials,
                                                    const char        *ca_file);
/* Starts the thread. Reads server/device from the replica's meta. */
void                kiosk_sync_engine_start        (KioskSyncEngine   *self);
/* Stops and joins the thread; nothing in flight is lost (the outbox keeps it). */
void                kiosk_sync_engine_stop         (KioskSyncEngine   *self);
/* A desk change was committed to the outbox: upload soon. Also re-reads
 * the enrollment after pairing. Thread-safe. */
void                kiosk_sync_engine_nudge        (KioskSyncEngine   *self);

void                kiosk_sync_engine_get_timings  (KioskSyncEngine        *self,
                                                    KioskSyncTimings       *timings);
void                kiosk_sync_engine_set_timings  (KioskSyncEngine        *self,
                                                    const KioskSyncTimings *timings);
/* The monitor that says when the network returns (default: GLib's). Set
 * before kiosk_sync_engine_start(). */
void                kiosk_sync_engine_set_network_monitor (KioskSyncEngine *self,
                                                           GNetworkMonitor *monitor);

KioskSyncState      kiosk_sync_engine_get_state            (KioskSyncEngine *self);
GDateTime          *kiosk_sync_engine_dup_since            (KioskSyncEngine *self);  /* up to date / offline since */
GDateTime          *kiosk_sync_engine_dup_next_attempt     (KioskSyncEngine *self);
guint64             kiosk_sync_engine_get_records_received (KioskSyncEngine *self);
/* Snapshot progress ("records-received", "records-expected"). The contract's
 * change feed (docs/kiosk-api.md §3.2) carries no total: a page says only its
 * changes, its cursor and has_more, so the number of records a snapshot
 * will bring is never known beforehand. records-expected is therefore 0,
 * meaning "unknown", for every snapshot from this server; the UI shows the
 * records received so far without a total ("Syncing… 12 000 records") and
 * must not draw a fraction. A non-zero value would be a real total (from a
 * future contract that sends one). records-received counts the changes of
 * the pages applied since the snapshot started, page by page (never a part
 * of a page); both are 0 outside the syncing state. */
guint64             kiosk_sync_engine_get_records_expected (KioskSyncEngine *self);  /* 0: unknown (always, today) */
guint               kiosk_sync_engine_get_refused_count    (KioskSyncEngine *self);
guint               kiosk_sync_engine_get_waiting_count    (KioskSyncEngine *self);  /* outbox pending + in flight */
gint64              kiosk_sync_engine_get_clock_skew       (KioskSyncEngine *self);  /* µs, server - local */
/* "clock-skew-warning": the server's Date header differs from the kiosk's
 * clock by more than KIOSK_SYNC_SKEW_WARNING_US; the UI asks staff to set
 * the clock right. Follows every reply (it clears when the clock is fixed). */
gboolean            kiosk_sync_engine_get_clock_skew_warning (KioskSyncEngine *self);
/* Why the engine cannot sync, for staff ("no secret store", …), or NULL. */
const char         *kiosk_sync_engine_get_reason           (KioskSyncEngine *self);

/* For the command line: pull and push on the calling thread until nothing
 * is left or a stop condition is met; no thread, no nudges. Back-off times
 * of earlier failures are not waited for (the run is on demand). @error is
 * set, with a reason for people, for every result but UP_TO_DATE and
 * REFUSED. The getters hold the outcome afterwards when called on the
 * thread that created the engine. Not while the thread runs. */
KioskSyncOnceResult kiosk_sync_engine_run_once     (KioskSyncEngine   *self,
                                                    GCancellable      *cancellable,
                                                    GError           **error);

G_END_DECLS

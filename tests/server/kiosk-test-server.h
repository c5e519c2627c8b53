/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * An in-process implementation of the central API contract
 * (docs/kiosk-api.md), behaving as Django REST Framework 3.14 would, for the
 * tests and for salonity-dev-server. It keeps its own SQLite file: a `rows`
 * table of the current entities and a commit-ordered `changes` log whose
 * sequence number is the global version counter.
 *
 * Tests can script faults (kiosk_test_server_push_fault()) to see how a
 * client copes with a misbehaving network or server.
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum {
  /* Answer with `status` before anything is looked at or applied:
   * 500/502/503 (HTML or empty body), 429 (with Retry-After: retry_after),
   * 410 (cursor_expired), 401 (with WWW-Authenticate), or any other. */
  KIOSK_FAULT_STATUS,
  /* The request is applied, then the status line, headers and half of the
   * body are sent and the connection is reset (RST). */
  KIOSK_FAULT_RESET,
  /* The request is applied; the reply carries only the first half of its
   * JSON (Content-Length agrees, so only the parse fails). */
  KIOSK_FAULT_TRUNCATED_JSON,
  /* The request is applied; the reply body is not JSON at all. */
  KIOSK_FAULT_MALFORMED_JSON,
  /* The request is applied; every top-level member of the reply has the
   * wrong JSON type (strings become numbers, numbers strings, …). */
  KIOSK_FAULT_WRONG_TYPES,
  /* The reply comes `delay_ms` later. A mutation holds its
   * Idempotency-Key meanwhile, so a repeat gets 409 request_in_progress. */
  KIOSK_FAULT_SLOW,
  /* The mutation is committed, then the connection is closed without an
   * answer. */
  KIOSK_FAULT_COMMIT_THEN_DROP,
  /* A 200 with a valid JSON body of `size` bytes (20 MiB when 0). Nothing
   * is applied. */
  KIOSK_FAULT_HUGE_BODY,
  /* The WebSocket upgrade on /api/kiosk/v1/events/ is refused with
   * `status` (404 when 0). */
  KIOSK_FAULT_REFUSE_UPGRADE,
} KioskFaultKind;

typedef struct {
  KioskFaultKind kind;
  guint          status;
  guint          retry_after;  /* seconds, for a 429 */
  guint          delay_ms;     /* KIOSK_FAULT_SLOW */
  gsize          size;         /* KIOSK_FAULT_HUGE_BODY */
} KioskFault;

#define KIOSK_TYPE_TEST_SERVER (kiosk_test_server_get_type ())
G_DECLARE_FINAL_TYPE (KioskTestServer, kiosk_test_server, KIOSK, TEST_SERVER, GObject)

/* Opens (or creates) "<data_dir>/server.sqlite3". */
KioskTestServer *kiosk_test_server_new              (const char       *data_dir,
                                                     GError          **error);
/* Listens on 127.0.0.1:@port (0: any free port). */
gboolean         kiosk_test_server_listen           (KioskTestServer  *self,
                                                     guint             port,
                                                     GError          **error);
/* "http://127.0.0.1:<port>", without a trailing slash; NULL before listen. */
const char      *kiosk_test_server_get_uri          (KioskTestServer  *self);
guint            kiosk_test_server_get_port         (KioskTestServer  *self);
/* The salon the server serves (the first salon put or seeded), or NULL. */
const char      *kiosk_test_server_get_salon_id     (KioskTestServer  *self);

/* Fills an empty server with the demo salon of src/demo/ for the salon's
 * @today (YYYY-MM-DD; NULL: the real today in Europe/Istanbul). */
gboolean         kiosk_test_server_seed_demo        (KioskTestServer  *self,
                                                     const char       *today,
                                                     GError          **error);
/* The demo seeded from now on is open on Sundays too (journeys through
 * the desk need a working today, whatever day they run on). */
void             kiosk_test_server_set_demo_open_every_day (KioskTestServer *self,
                                                            gboolean         open);

/* Test-only row access. @json is the contract's entity object (§3.4) with
 * its "id"; each put or delete appends to the change log and returns the
 * row's new version (0 on error). */
gint64           kiosk_test_server_put              (KioskTestServer  *self,
                                                     const char       *entity,
                                                     const char       *json,
                                                     GError          **error);
gint64           kiosk_test_server_delete           (KioskTestServer  *self,
                                                     const char       *entity,
                                                     const char       *id,
                                                     GError          **error);
/* The current JSON of a row, or NULL when missing or deleted. */
char            *kiosk_test_server_get              (KioskTestServer  *self,
                                                     const char       *entity,
                                                     const char       *id);
/* Live (not deleted) rows of @entity. */
gint64           kiosk_test_server_count            (KioskTestServer  *self,
                                                     const char       *entity);

/* A 6-digit pairing code for the server's salon, valid @valid_seconds
 * (600 in production; 0 or less: already expired). */
void             kiosk_test_server_add_pairing_code (KioskTestServer  *self,
                                                     const char       *code,
                                                     int               valid_seconds);

/* Forgets every change logged so far: cursors from before now get 410. */
void             kiosk_test_server_trim_log         (KioskTestServer  *self);

/* Throttle rates: @scope is "enrollment" (per client address, default
 * 10/min), "appointments" (appointment creation per device, 10/min) or
 * "writes" (any other POST per device, 120/min). */
void             kiosk_test_server_set_throttle     (KioskTestServer  *self,
                                                     const char       *scope,
                                                     guint             num_requests,
                                                     guint             period_seconds);

/* A server clock @seconds off the real one: the Date header of every HTTP
 * reply says now + @seconds (0: the truth), for clock-skew tests. */
void             kiosk_test_server_set_clock_offset  (KioskTestServer *self,
                                                      gint64           seconds);

/* The salon's "now" as the server sees it: the real clock moved by
 * KIOSK_TEST_CLOCK_OFFSET, as the kiosk's (kiosk-context.h). */
GDateTime       *kiosk_test_server_dup_now           (KioskTestServer *self);

/* WebSocket keep-alive ping interval in seconds (30 by default). */
void             kiosk_test_server_set_ping_interval (KioskTestServer *self,
                                                      guint            seconds);
guint            kiosk_test_server_get_n_websockets (KioskTestServer  *self);
/* A server without live nudges (docs/kiosk-api.md §3.5): every WebSocket
 * upgrade on /api/kiosk/v1/events/ is answered with @status (404 or 426, or
 * any other; 0: upgrades are accepted again). Queued faults come first. */
void             kiosk_test_server_set_refuse_upgrades    (KioskTestServer  *self,
                                                           guint             status);
/* Requests on the events path so far (upgrades tried, refused or not).
 * Thread-safe. */
guint            kiosk_test_server_get_n_upgrade_requests (KioskTestServer  *self);

/* An outage: closes the listener, every HTTP connection and every
 * WebSocket, so that connections are refused until
 * kiosk_test_server_listen() is called again (with get_port() to keep the
 * address). Rows, devices and tokens stay. */
void             kiosk_test_server_disconnect       (KioskTestServer  *self);

/* The arrival times (g_get_monotonic_time(), µs; one gint64 per request,
 * WebSocket upgrades included) of every request since the previous call,
 * for load measurements. Thread-safe. Free with g_array_unref(). */
GArray          *kiosk_test_server_take_request_times (KioskTestServer *self);

/* Queues @fault for the next request whose method is @method (NULL: any)
 * and whose path starts with @path_prefix (NULL: any). Faults are
 * consumed one per matching request, first pushed first used. */
void             kiosk_test_server_push_fault       (KioskTestServer  *self,
                                                     const char       *method,
                                                     const char       *path_prefix,
                                                     const KioskFault *fault);
guint            kiosk_test_server_get_n_faults     (KioskTestServer  *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Live nudges: the WebSocket to /events/ (a nudge wakes a pull; on loss,
 * polling and reconnecting with back-off), the desk's nudges and the
 * network's return.
 */
#define G_LOG_DOMAIN "kiosk-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kiosk-sync-engine-private.h"

/* "Upgrade Required": the server speaks no WebSocket there (§3.5). */
#define STATUS_UPGRADE_REQUIRED 426

void
kiosk_sync_worker_ws_drop (KioskSyncWorker *w)
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

/* A nudge came: pull at once, or, in a storm, a gap after the previous
 * cycle's start. A nudge that finds a pull already due (or one in flight:
 * its frame is read once the blocking cycle is over) joins that one, so a
 * burst costs one more pull, not one a nudge. */
static void
worker_nudged (KioskSyncWorker *w)
{
  gint64 now = g_get_monotonic_time ();
  gint64 came = now;
  gint64 delay = 0;

  /* A frame read right after a cycle came at some time during it: the
   * quiet before it is only sure up to the cycle's start. A long pull is
   * no quiet spell. */
  if (w->settle_source != NULL)
    came = MAX (w->cycle_started, w->last_nudge);
  if (w->last_nudge == 0 || came - w->last_nudge >= NUDGE_QUIET_US)
    w->nudge_gap = 0;
  w->last_nudge = now;
  w->nudges++;
  if (w->nudge_gap > 0)
    delay = MAX (w->cycle_started + w->nudge_gap - now, 0) +
            g_random_int_range (0, (gint32) (w->nudge_gap * 2 / 5) + 1);
  /* What was decided, for a reader of the debug log (test-nudge-coalesce
   * counts these lines). A back-off binds a nudge's pull too. */
  if (!kiosk_sync_worker_schedule_cycle (w, delay, FALSE))
    g_debug ("Nudge: a pull is already due, this one joins it");
  else if (w->cycle_at - now < G_TIME_SPAN_MILLISECOND)
    g_debug ("Nudge: pulling now");
  else
    g_debug ("Nudge: pulling in %" G_GINT64_FORMAT " ms (gap %" G_GINT64_FORMAT " ms)",
             (w->cycle_at - now) / 1000, w->nudge_gap / 1000);
}

/* At a cycle's start: two nudges or more to serve mean they come faster
 * than the pulls (they came while one was in flight or due), one means
 * they do not. A cycle that serves none (the desk's, a poll, a retry)
 * tells nothing. */
void
kiosk_sync_worker_nudges_served (KioskSyncWorker *w)
{
  guint served = w->nudges;

  w->nudges = 0;
  if (served >= 2)
    w->nudge_gap = CLAMP (w->nudge_gap * 2, NUDGE_GAP_MIN_US, NUDGE_GAP_MAX_US);
  else if (served == 1)
    w->nudge_gap = w->nudge_gap / 2 < NUDGE_GAP_MIN_US ? 0 : w->nudge_gap / 2;
}

static gboolean
settled_cb (gpointer data)
{
  KioskSyncWorker *w = data;

  g_clear_pointer (&w->settle_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

/* At a cycle's end. The cycle blocked the loop: what the socket received
 * meanwhile is read on the loop's next turns, at the default priority, so
 * before an idle source of low priority runs. */
void
kiosk_sync_worker_nudges_cycle_done (KioskSyncWorker *w)
{
  if (w->settle_source != NULL || g_cancellable_is_cancelled (w->cancellable))
    return;
  w->settle_source = g_idle_source_new ();
  g_source_set_priority (w->settle_source, G_PRIORITY_LOW);
  g_source_set_static_name (w->settle_source, "[kiosk-sync] nudges settle");
  g_source_set_callback (w->settle_source, settled_cb, w, NULL);
  g_source_attach (w->settle_source, w->context);
}

static void
ws_message_cb (SoupWebsocketConnection *conn,
               SoupWebsocketDataType    type,
               GBytes                  *message,
               gpointer                 user_data)
{
  KioskSyncWorker *w = user_data;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    return;
  root = kiosk_sync_parse_json (message, NULL);
  if (root == NULL)
    return;
  object = json_node_get_object (root);
  /* A nudge only wakes the pull: its cursor is not trusted. */
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "type", NULL), "changes") == 0)
    worker_nudged (w);
}

static gboolean
reconnect_cb (gpointer data)
{
  KioskSyncWorker *w = data;

  g_clear_pointer (&w->reconnect_source, g_source_unref);
  kiosk_sync_worker_ws_connect (w);
  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (KioskSyncWorker *w,
                    gint64  delay_us)
{
  if (w->reconnect_source != NULL || g_cancellable_is_cancelled (w->cancellable))
    return;
  w->reconnect_source = g_timeout_source_new ((guint) MIN (delay_us / 1000, G_MAXUINT));
  g_source_set_static_name (w->reconnect_source, "[kiosk-sync] reconnect");
  g_source_set_callback (w->reconnect_source, reconnect_cb, w, NULL);
  g_source_attach (w->reconnect_source, w->context);
}

void
kiosk_sync_worker_ws_lost (KioskSyncWorker *w)
{
  w->ws_failures++;
  schedule_reconnect (w, kiosk_sync_backoff_us (w->timings.reconnect_base_ms, w->timings.reconnect_cap_ms,
                                                w->ws_failures));
  /* Poll meanwhile. */
  kiosk_sync_worker_schedule_cycle (w, kiosk_sync_worker_poll_us (w), FALSE);
}

/* A 404 or 426 on the upgrade: this server has no live nudges (§3.5), and
 * will not have them a few seconds later. The feed is polled, and the
 * socket tried again only after a long while (0.5–1.5 times
 * events_refused_ms, so that a fleet of kiosks does not come back in step):
 * a server that gains nudges is found without a restart. */
static void
ws_refused (KioskSyncWorker *w,
            guint   status)
{
  gint64 delay = (gint64) (w->timings.events_refused_ms * (0.5 + g_random_double ()) * 1000.0);

  g_debug ("The server has no live nudges (HTTP %u); polling, and trying again in %" G_GINT64_FORMAT " s",
           status, delay / G_USEC_PER_SEC);
  w->ws_refused = TRUE;
  schedule_reconnect (w, delay);
  kiosk_sync_worker_schedule_cycle (w, kiosk_sync_worker_poll_us (w), FALSE);
}

static void
ws_closed_cb (SoupWebsocketConnection *conn,
              gpointer                 user_data)
{
  KioskSyncWorker *w = user_data;

  g_debug ("The live connection closed; polling meanwhile");
  kiosk_sync_worker_ws_drop (w);
  kiosk_sync_worker_ws_lost (w);
}

static void
ws_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KioskSyncWorker *w = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = g_steal_pointer (&w->ws_msg);
  SoupWebsocketConnection *conn;
  guint status;

  w->ws_connecting = FALSE;
  conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (conn == NULL)
    {
      if (g_cancellable_is_cancelled (w->cancellable))
        return;
      /* 0 when no reply came (the network): that passes. */
      status = msg != NULL ? soup_message_get_status (msg) : 0;
      if (status == SOUP_STATUS_NOT_FOUND || status == STATUS_UPGRADE_REQUIRED)
        {
          ws_refused (w, status);
          return;
        }
      g_debug ("No live connection (%s); polling", error->message);
      kiosk_sync_worker_ws_lost (w);
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
  w->ws_refused = FALSE;
  g_signal_connect (conn, "message", G_CALLBACK (ws_message_cb), w);
  g_signal_connect (conn, "closed", G_CALLBACK (ws_closed_cb), w);
  /* After an outage the fleet comes back and uploads within a few
   * seconds, each upload nudging every kiosk of the salon: a storm until a
   * quiet spell or pulls that serve one nudge each say otherwise. */
  w->nudge_gap = NUDGE_GAP_MAX_US;
  w->last_nudge = g_get_monotonic_time ();
  w->nudges = 0;
  /* Catch up on what happened while there was no connection. */
  kiosk_sync_worker_schedule_cycle (w, 0, FALSE);
}

void
kiosk_sync_worker_ws_connect (KioskSyncWorker *w)
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
  g_set_object (&w->ws_msg, msg);
  soup_session_websocket_connect_async (w->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        w->cancellable, ws_connected_cb, w);
}

gboolean
kiosk_sync_nudge_cb (gpointer data)
{
  KioskSyncWorker *w = data;

  /* Pairing nudges too: read the enrollment again (a new token lifts a
   * 401; the old one stays refused). */
  w->reread_enrollment = TRUE;
  kiosk_sync_worker_schedule_cycle (w, 0, FALSE);
  return G_SOURCE_REMOVE;
}

gboolean
kiosk_sync_network_back_cb (gpointer data)
{
  KioskSyncWorker *w = data;
  gint64 spread = (gint64) (g_random_double () * w->timings.network_return_ms * 1000.0);

  /* Many kiosks see the same outage end: spread the first retry, then
   * retry everything that was backing off. */
  g_debug ("The network is back: next attempt in %" G_GINT64_FORMAT " ms", spread / 1000);
  w->ignore_backoff = TRUE;
  w->failures = 0;
  kiosk_sync_worker_schedule_cycle (w, spread, TRUE);
  /* A server without nudges has none on this network either. */
  if (w->ws == NULL && !w->ws_connecting && !w->ws_refused)
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

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The worker: its life (open, enrollment, release), its status and the
 * cycle that runs a sync and decides when the next one runs. The pull,
 * the push, the HTTP exchange and the live connection live beside it in
 * kiosk-sync-puller.c, -uploader.c, -http.c and -nudges.c.
 */
#define G_LOG_DOMAIN "kiosk-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>
#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "kiosk-sync-engine-private.h"

KioskSyncWorker *
kiosk_sync_worker_new (KioskSyncEngine *engine,
                       gboolean         threaded,
                       GCancellable    *cancellable)
{
  KioskSyncWorker *w = g_new0 (KioskSyncWorker, 1);

  w->engine = engine;
  w->threaded = threaded;
  w->timings = engine->timings;
  w->context = g_main_context_new ();
  w->loop = g_main_loop_new (w->context, FALSE);
  w->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  w->reread_enrollment = TRUE;
  /* No publisher runs now: the last one was joined or returned. */
  kiosk_sync_status_copy (&w->status, &engine->shared);
  return w;
}

/* Lets go of the network and the replica. On the worker's thread, with its
 * context the thread-default one. */
void
kiosk_sync_worker_release (KioskSyncWorker *w)
{
  g_cancellable_cancel (w->cancellable);
  /* Let a WebSocket handshake in flight see its cancellation, so that its
   * task lets go of the session before the context goes. */
  while (w->ws_connecting)
    g_main_context_iteration (w->context, TRUE);
  kiosk_sync_worker_ws_drop (w);
  g_clear_object (&w->ws_msg);
  if (w->cycle_source)
    g_source_destroy (w->cycle_source);
  g_clear_pointer (&w->cycle_source, g_source_unref);
  if (w->reconnect_source)
    g_source_destroy (w->reconnect_source);
  g_clear_pointer (&w->reconnect_source, g_source_unref);
  if (w->settle_source)
    g_source_destroy (w->settle_source);
  g_clear_pointer (&w->settle_source, g_source_unref);
  if (w->session)
    soup_session_abort (w->session);
  g_clear_object (&w->session);
  g_clear_object (&w->replica);
  g_clear_pointer (&w->server_url, g_free);
  g_clear_pointer (&w->device, g_free);
  if (w->token)
    memset (w->token, 0, strlen (w->token));
  g_clear_pointer (&w->token, g_free);
  g_clear_pointer (&w->refused_detail, g_free);
}

void
kiosk_sync_worker_free (KioskSyncWorker *w)
{
  g_assert (w->session == NULL && w->replica == NULL && w->ws == NULL);
  kiosk_sync_status_clear (&w->status);
  g_clear_object (&w->cancellable);
  g_clear_pointer (&w->loop, g_main_loop_unref);
  g_clear_pointer (&w->context, g_main_context_unref);
  g_free (w);
}

void
kiosk_sync_worker_publish (KioskSyncWorker *w,
                           guint   touched)
{
  kiosk_sync_engine_publish (w->engine, &w->status, touched);
}

void
kiosk_sync_worker_set_reason (KioskSyncWorker     *w,
                              const char *reason)
{
  g_free (w->status.reason);
  w->status.reason = g_strdup (reason);
}

void
kiosk_sync_worker_set_next_attempt (KioskSyncWorker *w,
                                    gint64  delay_us)
{
  g_clear_pointer (&w->status.next_attempt, g_date_time_unref);
  if (delay_us >= 0)
    w->status.next_attempt = kiosk_sync_date_time_from_usec (g_get_real_time () + delay_us);
}

void
kiosk_sync_worker_update_counts (KioskSyncWorker *w)
{
  gint64 counts[5] = { 0 };

  if (w->replica == NULL || !kiosk_replica_outbox_counts (w->replica, counts, NULL))
    return;
  w->status.waiting = (guint) (counts[KIOSK_OUTBOX_PENDING] + counts[KIOSK_OUTBOX_IN_FLIGHT]);
  w->status.refused = (guint) counts[KIOSK_OUTBOX_REFUSED];
}

/* Full jitter: uniform in [0, min (cap, base · 2^(n-1))]. */
gint64
kiosk_sync_backoff_us (guint base_ms,
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

gint64
kiosk_sync_worker_backoff_us (KioskSyncWorker *w)
{
  return kiosk_sync_backoff_us (w->timings.backoff_base_ms, w->timings.backoff_cap_ms, MAX (w->failures, 1));
}

gint64
kiosk_sync_worker_poll_us (KioskSyncWorker *w)
{
  double jitter = 0.8 + 0.4 * g_random_double ();
  return (gint64) (w->timings.poll_interval_ms * jitter * 1000.0);
}

gboolean
kiosk_sync_worker_open (KioskSyncWorker  *w,
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
      w->session = kiosk_transport_new_session_full (w->engine->ca_file, w->timings.request_timeout_s, error);
      if (w->session == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Reads the server and device from meta and the token from the secret
 * store; keeps them until the next nudge. */
KioskSyncEnrollResult
kiosk_sync_worker_enrollment (KioskSyncWorker  *w,
                              GError **error)
{
  g_autofree char *server = NULL;
  g_autofree char *device = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) local = NULL;
  gsize len;

  if (!w->reread_enrollment && w->token != NULL)
    return KIOSK_SYNC_ENROLL_OK;

  server = kiosk_replica_get_meta (w->replica, KIOSK_META_SERVER_URL);
  device = kiosk_replica_get_meta (w->replica, KIOSK_META_DEVICE);
  if (server == NULL || *server == '\0' || device == NULL || *device == '\0')
    {
      g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND,
                           _("This kiosk is not paired with a salon"));
      return KIOSK_SYNC_ENROLL_NONE;
    }
  len = strlen (server);
  while (len > 0 && server[len - 1] == '/')
    server[--len] = '\0';
  if (!kiosk_transport_check_url (server, error))
    return KIOSK_SYNC_ENROLL_NONE;

  token = kiosk_credentials_lookup_token_sync (w->engine->credentials, server, device,
                                               w->cancellable, &local);
  if (token == NULL)
    {
      if (local != NULL && g_error_matches (local, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND))
        {
          g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND,
                               _("No device token is stored for this kiosk: pair it again"));
          return KIOSK_SYNC_ENROLL_NONE;
        }
      if (local == NULL)
        {
          g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND,
                               _("No device token is stored for this kiosk: pair it again"));
          return KIOSK_SYNC_ENROLL_NONE;
        }
      g_set_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE,
                   _("No secret store: changes are kept but not uploaded (%s)"), local->message);
      return KIOSK_SYNC_ENROLL_NO_STORE;
    }

  if (g_strcmp0 (server, w->server_url) != 0 || g_strcmp0 (device, w->device) != 0 ||
      g_strcmp0 (token, w->token) != 0)
    {
      /* Paired again: a 401 of the old token no longer holds. */
      kiosk_sync_worker_ws_drop (w);
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
  w->revoked = kiosk_replica_get_revoked (w->replica, w->device, NULL, NULL);
  return KIOSK_SYNC_ENROLL_OK;
}

/* One pull, push, pull. */
KioskSyncOutcome
kiosk_sync_worker_sync (KioskSyncWorker  *w,
                        gboolean ignore_backoff,
                        GError **error)
{
  KioskSyncOutcome outcome;

  w->sent = 0;
  w->planned_delay = -1;
  outcome = kiosk_sync_worker_pull (w, error);
  if (outcome == KIOSK_SYNC_OUTCOME_OK)
    outcome = kiosk_sync_worker_push (w, ignore_backoff, error);
  /* What was acknowledged comes back through the feed with its version. */
  if (outcome == KIOSK_SYNC_OUTCOME_OK && w->sent > 0)
    outcome = kiosk_sync_worker_pull (w, error);
  return outcome;
}

gint64
kiosk_sync_worker_failure_delay (KioskSyncWorker *w)
{
  if (w->planned_delay >= 0)
    return w->planned_delay;   /* failures was counted with it */
  w->failures++;
  return kiosk_sync_worker_backoff_us (w);
}

/* When the outbox next has something to send (µs from @now), or -1. An
 * entry due now but not sent waits on another one (a dependency that backs
 * off): the time that matters is the earliest one in the future. */
static gint64
worker_next_due (KioskSyncWorker *w,
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

/* A 401: the server no longer accepts this device (revoked, §3.1). The
 * replica records it, so that --status and the window say so from the
 * start, even offline, until the kiosk pairs again. The token stays in the
 * secret store: a server that accepts it again (a 401 by mistake) clears
 * the record at the next good sync. */
static void
record_refusal (KioskSyncWorker *w)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  if (w->replica == NULL || w->device == NULL)
    return;
  /* Untranslated: monitoring reads it as it is. */
  if (w->refused_detail != NULL)
    reason = g_strdup_printf ("the server refused the device token (HTTP 401: %s)", w->refused_detail);
  else
    reason = g_strdup ("the server refused the device token (HTTP 401)");
  if (kiosk_replica_set_revoked (w->replica, w->device, reason, &error))
    w->revoked = TRUE;
  else
    g_warning ("Cannot record that the server refused this kiosk: %s", error->message);
}

static void
forget_refusal (KioskSyncWorker *w)
{
  g_autoptr(GError) error = NULL;

  if (!w->revoked)
    return;
  if (kiosk_replica_clear_revoked (w->replica, &error))
    w->revoked = FALSE;
  else
    g_warning ("Cannot forget the server's refusal of this kiosk: %s", error->message);
}

/* Sets the status after a sync; returns the delay until the next attempt
 * (µs), or -1 when the engine should wait for a nudge. */
gint64
kiosk_sync_worker_conclude (KioskSyncWorker       *w,
                            KioskSyncOutcome       outcome,
                            const GError *error)
{
  gint64 delay = -1;
  gint64 now = g_get_real_time ();

  switch (outcome)
    {
    case KIOSK_SYNC_OUTCOME_OK:
      w->failures = 0;
      w->offline_since = 0;
      forget_refusal (w);
      kiosk_sync_worker_update_counts (w);
      w->status.state = w->status.refused > 0 ? KIOSK_SYNC_STATE_NEEDS_ATTENTION : KIOSK_SYNC_STATE_UP_TO_DATE;
      g_clear_pointer (&w->status.since, g_date_time_unref);
      w->status.since = kiosk_sync_date_time_from_usec (now);
      w->status.received = 0;
      w->status.expected = 0;
      kiosk_sync_worker_set_reason (w, NULL);
      delay = worker_next_due (w, now);
      kiosk_sync_worker_set_next_attempt (w, -1);
      break;

    case KIOSK_SYNC_OUTCOME_OFFLINE:
      delay = kiosk_sync_worker_failure_delay (w);
      if (w->offline_since == 0)
        w->offline_since = now;
      w->status.state = KIOSK_SYNC_STATE_OFFLINE;
      g_clear_pointer (&w->status.since, g_date_time_unref);
      w->status.since = kiosk_sync_date_time_from_usec (w->offline_since);
      kiosk_sync_worker_set_next_attempt (w, delay);
      kiosk_sync_worker_set_reason (w, error ? error->message : NULL);
      break;

    case KIOSK_SYNC_OUTCOME_THROTTLED:
      delay = (gint64) MAX (w->retry_after, 1) * G_USEC_PER_SEC;
      w->status.state = KIOSK_SYNC_STATE_WAITING;
      kiosk_sync_worker_set_next_attempt (w, delay);
      kiosk_sync_worker_set_reason (w, error ? error->message : NULL);
      break;

    case KIOSK_SYNC_OUTCOME_FAILING:
    case KIOSK_SYNC_OUTCOME_LOCAL_ERROR:
      delay = kiosk_sync_worker_failure_delay (w);
      w->status.state = outcome == KIOSK_SYNC_OUTCOME_FAILING ? KIOSK_SYNC_STATE_WAITING : KIOSK_SYNC_STATE_NEEDS_ATTENTION;
      kiosk_sync_worker_set_next_attempt (w, delay);
      kiosk_sync_worker_set_reason (w, error ? error->message : NULL);
      if (outcome == KIOSK_SYNC_OUTCOME_LOCAL_ERROR)
        g_warning ("Sync stopped by a local error: %s", error ? error->message : "unknown");
      break;

    case KIOSK_SYNC_OUTCOME_UNAUTHORIZED:
      w->unauthorized = TRUE;
      record_refusal (w);
      w->status.state = KIOSK_SYNC_STATE_UNENROLLED;
      kiosk_sync_worker_set_next_attempt (w, -1);
      kiosk_sync_worker_set_reason (w, error ? error->message : NULL);
      kiosk_sync_worker_ws_drop (w);
      break;

    case KIOSK_SYNC_OUTCOME_CANCELLED:
      return -1;

    default:
      g_assert_not_reached ();
    }
  kiosk_sync_worker_update_counts (w);
  return delay;
}

void
kiosk_sync_worker_set_unenrolled (KioskSyncWorker       *w,
                                  const GError *error)
{
  w->status.state = KIOSK_SYNC_STATE_UNENROLLED;
  kiosk_sync_worker_set_reason (w, error ? error->message : NULL);
  kiosk_sync_worker_set_next_attempt (w, -1);
  kiosk_sync_worker_update_counts (w);
  kiosk_sync_worker_publish (w, 0);
}

/* ---------------------------------------------------- the threaded worker */

static void
cycle_run (KioskSyncWorker *w)
{
  g_autoptr(GError) error = NULL;
  gboolean ignore_backoff = w->ignore_backoff;
  KioskSyncOutcome outcome;
  gint64 delay;

  g_clear_pointer (&w->cycle_source, g_source_unref);
  w->ignore_backoff = FALSE;
  w->cycle_started = g_get_monotonic_time ();
  kiosk_sync_worker_nudges_served (w);
  if (g_cancellable_is_cancelled (w->cancellable))
    return;

  if (w->replica == NULL || w->session == NULL)
    {
      if (!kiosk_sync_worker_open (w, &error))
        {
          w->failures++;
          w->status.state = KIOSK_SYNC_STATE_NEEDS_ATTENTION;
          kiosk_sync_worker_set_reason (w, error->message);
          g_warning ("The sync engine cannot start: %s", error->message);
          kiosk_sync_worker_publish (w, 0);
          kiosk_sync_worker_schedule_cycle (w, kiosk_sync_worker_backoff_us (w), FALSE);
          return;
        }
    }

  switch (kiosk_sync_worker_enrollment (w, &error))
    {
    case KIOSK_SYNC_ENROLL_OK:
      break;
    case KIOSK_SYNC_ENROLL_NONE:
      /* Waits for a nudge (pairing nudges the engine). */
      kiosk_sync_worker_set_unenrolled (w, error);
      return;
    case KIOSK_SYNC_ENROLL_NO_STORE:
      /* A keyring unlocked later tells nobody: look again now and then. */
      kiosk_sync_worker_set_unenrolled (w, error);
      w->reread_enrollment = TRUE;
      kiosk_sync_worker_schedule_cycle (w, kiosk_sync_worker_poll_us (w), FALSE);
      return;
    default:
      g_assert_not_reached ();
    }
  if (w->unauthorized)
    {
      kiosk_sync_worker_publish (w, 0);
      return;
    }

  outcome = kiosk_sync_worker_sync (w, ignore_backoff, &error);
  delay = kiosk_sync_worker_conclude (w, outcome, error);
  kiosk_sync_worker_publish (w, 0);
  w->throttled_until = 0;
  w->backoff_until = 0;
  if (outcome == KIOSK_SYNC_OUTCOME_THROTTLED)
    w->throttled_until = g_get_monotonic_time () + delay;
  else if (outcome != KIOSK_SYNC_OUTCOME_OK && delay > 0)
    w->backoff_until = g_get_monotonic_time () + delay;
  if (outcome == KIOSK_SYNC_OUTCOME_CANCELLED || outcome == KIOSK_SYNC_OUTCOME_UNAUTHORIZED)
    return;

  /* Without live nudges the feed is polled. */
  if (w->ws == NULL)
    {
      gint64 poll = kiosk_sync_worker_poll_us (w);
      delay = delay < 0 ? poll : MIN (delay, poll);
    }
  if (delay >= 0)
    kiosk_sync_worker_schedule_cycle (w, delay, FALSE);
  kiosk_sync_worker_ws_connect (w);
}

static gboolean
cycle_cb (gpointer data)
{
  KioskSyncWorker *w = data;

  cycle_run (w);
  kiosk_sync_worker_nudges_cycle_done (w);
  return G_SOURCE_REMOVE;
}

/* Runs a cycle after @delay_us, unless one is due sooner (@force: replace
 * whatever is scheduled). Returns whether this call set the time. */
gboolean
kiosk_sync_worker_schedule_cycle (KioskSyncWorker  *w,
                                  gint64   delay_us,
                                  gboolean force)
{
  gint64 now = g_get_monotonic_time ();
  gint64 at = now + MAX (delay_us, 0);

  if (g_cancellable_is_cancelled (w->cancellable))
    return FALSE;
  if (!force)
    at = MAX (at, w->backoff_until);
  at = MAX (at, w->throttled_until);
  delay_us = at - now;
  if (w->cycle_source != NULL)
    {
      if (!force && w->cycle_at <= at)
        return FALSE;
      g_source_destroy (w->cycle_source);
      g_clear_pointer (&w->cycle_source, g_source_unref);
    }
  w->cycle_at = at;
  w->cycle_source = g_timeout_source_new ((guint) MIN (MAX (delay_us, 0) / 1000, G_MAXUINT));
  g_source_set_static_name (w->cycle_source, "[kiosk-sync] cycle");
  g_source_set_callback (w->cycle_source, cycle_cb, w, NULL);
  g_source_attach (w->cycle_source, w->context);
  return TRUE;
}

/* Sync is background work: the calling thread (and the threads it starts)
 * yields the CPU to the UI's thread, so that a snapshot's parsing and SQLite
 * work never keep a frame waiting on a loaded terminal. Linux keeps a nice
 * value per thread; raising it needs no privilege. */
void
kiosk_sync_lower_thread_priority (void)
{
#ifdef __linux__
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), KIOSK_SYNC_THREAD_NICE) != 0)
    g_debug ("Could not lower the sync thread's priority: %s", g_strerror (errno));
#endif
}

gpointer
kiosk_sync_worker_thread_main (gpointer data)
{
  KioskSyncWorker *w = data;

  kiosk_sync_lower_thread_priority ();
  g_main_context_push_thread_default (w->context);
  /* Which replica this thread serves, for a reader of the debug log with
   * several engines in one process (tests/bench/bench-nudge.c). */
  g_debug ("Sync worker started for %s", w->engine->replica_path);
  kiosk_sync_worker_schedule_cycle (w, 0, TRUE);
  g_main_loop_run (w->loop);
  kiosk_sync_worker_release (w);
  g_main_context_pop_thread_default (w->context);
  return NULL;
}

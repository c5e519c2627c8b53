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
 * The worker never touches the GObject's properties: it swaps its status
 * into a mailbox and writes a byte to a pipe that the creator's main
 * context polls; there it is copied into the properties and notified.
 */
#define G_LOG_DOMAIN "kiosk-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib-unix.h>

#include "kiosk-sync-engine-private.h"

G_DEFINE_FINAL_TYPE (KioskSyncEngine, kiosk_sync_engine, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (KioskSyncState, kiosk_sync_state,
                    G_DEFINE_ENUM_VALUE (KIOSK_SYNC_STATE_UNENROLLED, "unenrolled"),
                    G_DEFINE_ENUM_VALUE (KIOSK_SYNC_STATE_UP_TO_DATE, "up-to-date"),
                    G_DEFINE_ENUM_VALUE (KIOSK_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (KIOSK_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (KIOSK_SYNC_STATE_WAITING, "waiting"),
                    G_DEFINE_ENUM_VALUE (KIOSK_SYNC_STATE_NEEDS_ATTENTION, "needs-attention"))

/* ---------------------------------------------------------------- status */

void
kiosk_sync_status_clear (KioskSyncSnapshot *s)
{
  g_clear_pointer (&s->since, g_date_time_unref);
  g_clear_pointer (&s->next_attempt, g_date_time_unref);
  g_clear_pointer (&s->reason, g_free);
}

void
kiosk_sync_status_copy (KioskSyncSnapshot *dest, const KioskSyncSnapshot *src)
{
  kiosk_sync_status_clear (dest);
  *dest = *src;
  dest->since = src->since ? g_date_time_ref (src->since) : NULL;
  dest->next_attempt = src->next_attempt ? g_date_time_ref (src->next_attempt) : NULL;
  dest->reason = g_strdup (src->reason);
}

GDateTime *
kiosk_sync_date_time_from_usec (gint64 usec)
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
  PROP_CLOCK_SKEW_WARNING,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
status_free (KioskSyncSnapshot *status)
{
  kiosk_sync_status_clear (status);
  g_free (status);
}

/* Copies the worker's newest status into the properties. Owner thread only. */
static void
engine_apply_shared (KioskSyncEngine *self)
{
  g_autoptr(GObject) hold = g_object_ref (G_OBJECT (self));
  KioskSyncSnapshot *snap;
  guint touched;
  GObject *object = G_OBJECT (self);

  /* Cleared first: a publish from now on writes to the pipe again. */
  g_atomic_int_set (&self->wake_pending, 0);
  g_atomic_int_set (&self->urgent, 0);
  if (self->publish_delayed != NULL)
    g_source_destroy (self->publish_delayed);
  g_clear_pointer (&self->publish_delayed, g_source_unref);
  self->last_delivery = g_get_monotonic_time ();
  snap = g_atomic_pointer_exchange (&self->mailbox, NULL);
  touched = g_atomic_int_and (&self->touched, 0);
  if (snap == NULL && touched == 0)
    return;

  g_object_freeze_notify (object);
  if (snap != NULL && snap->state != self->pub.state)
    {
      self->pub.state = snap->state;
      g_object_notify_by_pspec (object, properties[PROP_STATE]);
    }
  if (snap != NULL && !date_time_equal0 (snap->since, self->pub.since))
    {
      g_clear_pointer (&self->pub.since, g_date_time_unref);
      self->pub.since = snap->since ? g_date_time_ref (snap->since) : NULL;
      g_object_notify_by_pspec (object, properties[PROP_SINCE]);
    }
  if (snap != NULL && !date_time_equal0 (snap->next_attempt, self->pub.next_attempt))
    {
      g_clear_pointer (&self->pub.next_attempt, g_date_time_unref);
      self->pub.next_attempt = snap->next_attempt ? g_date_time_ref (snap->next_attempt) : NULL;
      g_object_notify_by_pspec (object, properties[PROP_NEXT_ATTEMPT]);
    }
  if (snap != NULL && snap->received != self->pub.received)
    {
      self->pub.received = snap->received;
      g_object_notify_by_pspec (object, properties[PROP_RECORDS_RECEIVED]);
    }
  if (snap != NULL && snap->expected != self->pub.expected)
    {
      self->pub.expected = snap->expected;
      g_object_notify_by_pspec (object, properties[PROP_RECORDS_EXPECTED]);
    }
  if (snap != NULL && snap->refused != self->pub.refused)
    {
      self->pub.refused = snap->refused;
      g_object_notify_by_pspec (object, properties[PROP_REFUSED_COUNT]);
    }
  if (snap != NULL && snap->waiting != self->pub.waiting)
    {
      self->pub.waiting = snap->waiting;
      g_object_notify_by_pspec (object, properties[PROP_WAITING_COUNT]);
    }
  if (snap != NULL && snap->skew != self->pub.skew)
    {
      self->pub.skew = snap->skew;
      g_object_notify_by_pspec (object, properties[PROP_CLOCK_SKEW]);
    }
  if (snap != NULL && snap->skew_warning != self->pub.skew_warning)
    {
      self->pub.skew_warning = snap->skew_warning;
      g_object_notify_by_pspec (object, properties[PROP_CLOCK_SKEW_WARNING]);
    }
  if (snap != NULL && g_strcmp0 (snap->reason, self->pub.reason) != 0)
    {
      g_free (self->pub.reason);
      self->pub.reason = g_strdup (snap->reason);
      g_object_notify_by_pspec (object, properties[PROP_REASON]);
    }
  g_object_thaw_notify (object);
  g_clear_pointer (&snap, status_free);

  if (touched != 0)
    g_signal_emit (self, signals[CHANGED], 0, touched);
}

static gboolean
engine_delayed_cb (gpointer data)
{
  KioskSyncEngine *self = data;

  /* engine_apply_shared() destroys this source: drop our pointer first. */
  g_clear_pointer (&self->publish_delayed, g_source_unref);
  engine_apply_shared (self);
  return G_SOURCE_REMOVE;
}

/* The owner's side of the pipe: deliver now, or once the interval since
 * the last delivery has passed (progress alone need not go faster). */
static gboolean
engine_wake_cb (int          fd,
                GIOCondition condition,
                gpointer     data)
{
  KioskSyncEngine *self = data;
  char buf[64];
  gint64 wait;

  while (read (fd, buf, sizeof buf) > 0)
    ;
  wait = self->last_delivery + PUBLISH_MIN_INTERVAL_US - g_get_monotonic_time ();
  if (g_atomic_int_get (&self->urgent) || wait <= 0)
    engine_apply_shared (self);
  else if (self->publish_delayed == NULL)
    {
      self->publish_delayed = g_timeout_source_new ((guint) (wait / 1000) + 1);
      g_source_set_static_name (self->publish_delayed, "[kiosk-sync] publish");
      g_source_set_callback (self->publish_delayed, engine_delayed_cb, self, NULL);
      g_source_attach (self->publish_delayed, self->owner);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
engine_idle_cb (gpointer data)
{
  engine_apply_shared (data);
  return G_SOURCE_REMOVE;
}

static void
engine_wake (KioskSyncEngine *self)
{
  static const char byte = 1;

  if (self->wake_fds[1] < 0)
    {
      /* No pipe could be made (out of file descriptors): the owner's
       * context is woken the ordinary way, taking its lock. */
      GSource *idle = g_idle_source_new ();

      g_source_set_callback (idle, engine_idle_cb, g_object_ref (self), g_object_unref);
      g_source_attach (idle, self->owner);
      g_source_unref (idle);
      return;
    }

  /* A full pipe already says it: nothing to do on EAGAIN. */
  if (write (self->wake_fds[1], &byte, 1) < 0 && errno != EAGAIN && errno != EINTR)
    g_warning ("Could not wake the main thread for the sync status: %s", g_strerror (errno));
}

/* The publishing thread (one at a time: the engine's thread, or the
 * caller of run_once): hands @status (and @touched entities) to the owner
 * thread without a lock the owner thread takes. */
void
kiosk_sync_engine_publish (KioskSyncEngine *self,
                           const KioskSyncSnapshot    *status,
                           guint            touched)
{
  KioskSyncSnapshot *snap = g_new0 (KioskSyncSnapshot, 1);
  gboolean urgent;

  /* During a snapshot every page touches entities: those go at the
   * progress's pace; otherwise a touch (a desk change acknowledged, a live
   * change pulled) goes at once, as does a change of state. */
  urgent = status->state != self->shared.state || g_strcmp0 (status->reason, self->shared.reason) != 0 ||
           (status->state != KIOSK_SYNC_STATE_SYNCING && (touched != 0 || g_atomic_int_get (&self->touched) != 0));
  kiosk_sync_status_copy (&self->shared, status);
  kiosk_sync_status_copy (snap, status);
  g_atomic_int_or (&self->touched, touched);
  snap = g_atomic_pointer_exchange (&self->mailbox, snap);
  /* The owner had not taken the previous one: it is superseded. */
  g_clear_pointer (&snap, status_free);
  if (urgent)
    g_atomic_int_set (&self->urgent, 1);
  if (!g_atomic_int_exchange (&self->wake_pending, 1) || urgent)
    engine_wake (self);
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
        g_main_context_invoke (self->running->context, kiosk_sync_network_back_cb, self->running);
      g_mutex_unlock (&self->lock);
    }
}

static void
kiosk_sync_engine_dispose (GObject *object)
{
  KioskSyncEngine *self = (KioskSyncEngine *) object;

  kiosk_sync_engine_stop (self);
  if (self->wake_source != NULL)
    g_source_destroy (self->wake_source);
  g_clear_pointer (&self->wake_source, g_source_unref);
  if (self->publish_delayed != NULL)
    g_source_destroy (self->publish_delayed);
  g_clear_pointer (&self->publish_delayed, g_source_unref);
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
  kiosk_sync_status_clear (&self->pub);
  kiosk_sync_status_clear (&self->shared);
  g_clear_pointer (&self->mailbox, status_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->wake_fds); i++)
    if (self->wake_fds[i] >= 0)
      close (self->wake_fds[i]);
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
    case PROP_CLOCK_SKEW_WARNING:
      g_value_set_boolean (value, self->pub.skew_warning);
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
  properties[PROP_CLOCK_SKEW_WARNING] =
    g_param_spec_boolean ("clock-skew-warning", NULL, NULL, FALSE, ro);
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
    .events_refused_ms = 20 * 60 * 1000,
    .request_timeout_s = KIOSK_TRANSPORT_TIMEOUT_SECONDS,
  };
  self->pub.state = KIOSK_SYNC_STATE_UNENROLLED;
  self->shared.state = KIOSK_SYNC_STATE_UNENROLLED;
  self->wake_fds[0] = self->wake_fds[1] = -1;
}

KioskSyncEngine *
kiosk_sync_engine_new (const char       *replica_path,
                       KioskCredentials *credentials,
                       const char       *ca_file)
{
  KioskSyncEngine *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (replica_path != NULL, NULL);
  g_return_val_if_fail (KIOSK_IS_CREDENTIALS (credentials), NULL);

  self = g_object_new (KIOSK_TYPE_SYNC_ENGINE, NULL);
  self->replica_path = g_strdup (replica_path);
  self->credentials = g_object_ref (credentials);
  self->ca_file = g_strdup (ca_file);
  self->owner = g_main_context_ref_thread_default ();
  self->owner_thread = g_thread_self ();
  if (g_unix_open_pipe (self->wake_fds, FD_CLOEXEC, &error) &&
      g_unix_set_fd_nonblocking (self->wake_fds[0], TRUE, &error) &&
      g_unix_set_fd_nonblocking (self->wake_fds[1], TRUE, &error))
    {
      self->wake_source = g_unix_fd_source_new (self->wake_fds[0], G_IO_IN);
      g_source_set_static_name (self->wake_source, "[kiosk-sync] status");
      g_source_set_callback (self->wake_source, G_SOURCE_FUNC (engine_wake_cb), self, NULL);
      g_source_attach (self->wake_source, self->owner);
    }
  else
    {
      g_warning ("Sync status goes to the main thread the slow way: %s", error->message);
      for (guint i = 0; i < G_N_ELEMENTS (self->wake_fds); i++)
        if (self->wake_fds[i] >= 0)
          close (self->wake_fds[i]);
      self->wake_fds[0] = self->wake_fds[1] = -1;
    }
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
  g_return_if_fail (timings->events_refused_ms > 0);
  g_return_if_fail (timings->request_timeout_s > 0);
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

  self->worker = kiosk_sync_worker_new (self, TRUE, NULL);
  g_mutex_lock (&self->lock);
  self->running = self->worker;
  g_mutex_unlock (&self->lock);
  self->thread = g_thread_new ("kiosk-sync", kiosk_sync_worker_thread_main, self->worker);
}

void
kiosk_sync_engine_stop (KioskSyncEngine *self)
{
  KioskSyncWorker *w;

  g_return_if_fail (KIOSK_IS_SYNC_ENGINE (self));

  if (self->thread == NULL)
    return;
  g_clear_signal_handler (&self->monitor_handler, self->monitor);

  w = self->worker;
  g_mutex_lock (&self->lock);
  self->running = NULL;
  g_mutex_unlock (&self->lock);

  g_cancellable_cancel (w->cancellable);
  g_main_loop_quit (w->loop);
  g_thread_join (g_steal_pointer (&self->thread));
  kiosk_sync_worker_free (g_steal_pointer (&self->worker));
}

void
kiosk_sync_engine_nudge (KioskSyncEngine *self)
{
  g_return_if_fail (KIOSK_IS_SYNC_ENGINE (self));

  g_mutex_lock (&self->lock);
  if (self->running != NULL)
    g_main_context_invoke (self->running->context, kiosk_sync_nudge_cb, self->running);
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

gboolean
kiosk_sync_engine_get_clock_skew_warning (KioskSyncEngine *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_ENGINE (self), FALSE);
  return self->pub.skew_warning;
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
  KioskSyncWorker *w;

  g_return_val_if_fail (KIOSK_IS_SYNC_ENGINE (self), KIOSK_SYNC_ONCE_FAILED);
  g_return_val_if_fail (self->thread == NULL, KIOSK_SYNC_ONCE_FAILED);

  on_owner_thread = g_thread_self () == self->owner_thread;
  w = kiosk_sync_worker_new (self, FALSE, cancellable);
  g_main_context_push_thread_default (w->context);

  if (!kiosk_sync_worker_open (w, &local))
    {
      result = KIOSK_SYNC_ONCE_FAILED;
      goto out;
    }
  switch (kiosk_sync_worker_enrollment (w, &local))
    {
    case KIOSK_SYNC_ENROLL_OK:
      break;
    case KIOSK_SYNC_ENROLL_NONE:
      kiosk_sync_worker_set_unenrolled (w, local);
      result = KIOSK_SYNC_ONCE_UNENROLLED;
      goto out;
    case KIOSK_SYNC_ENROLL_NO_STORE:
      kiosk_sync_worker_set_unenrolled (w, local);
      result = KIOSK_SYNC_ONCE_FAILED;
      goto out;
    default:
      g_assert_not_reached ();
    }

  {
    KioskSyncOutcome outcome = kiosk_sync_worker_sync (w, TRUE, &local);

    kiosk_sync_worker_conclude (w, outcome, local);
    kiosk_sync_worker_publish (w, 0);
    switch (outcome)
      {
      case KIOSK_SYNC_OUTCOME_OK:
        result = w->status.refused > 0 ? KIOSK_SYNC_ONCE_REFUSED : KIOSK_SYNC_ONCE_UP_TO_DATE;
        break;
      case KIOSK_SYNC_OUTCOME_OFFLINE:
      case KIOSK_SYNC_OUTCOME_THROTTLED:
      case KIOSK_SYNC_OUTCOME_FAILING:
        result = KIOSK_SYNC_ONCE_UNREACHABLE;
        break;
      case KIOSK_SYNC_OUTCOME_UNAUTHORIZED:
        result = KIOSK_SYNC_ONCE_UNENROLLED;
        break;
      case KIOSK_SYNC_OUTCOME_LOCAL_ERROR:
      case KIOSK_SYNC_OUTCOME_CANCELLED:
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
  kiosk_sync_worker_release (w);
  g_main_context_pop_thread_default (w->context);
  kiosk_sync_worker_free (w);
  /* The caller's own thread sees the outcome at once. */
  if (on_owner_thread)
    engine_apply_shared (self);
  return result;
}

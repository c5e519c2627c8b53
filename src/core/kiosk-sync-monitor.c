/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * KioskSyncMonitor (kiosk-sync-monitor.h): reads the engine's properties,
 * which the engine already delivers on the main thread, and turns any of
 * its notifications into "changed".
 */
#define G_LOG_DOMAIN "kiosk-context"

#include "config.h"

#include "kiosk-sync-monitor-private.h"

struct _KioskSyncMonitor
{
  GObject          parent_instance;

  KioskSyncEngine *engine;
  gulong           notify_id;
};

G_DEFINE_FINAL_TYPE (KioskSyncMonitor, kiosk_sync_monitor, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
engine_notified (KioskSyncMonitor *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
kiosk_sync_monitor_dispose (GObject *object)
{
  KioskSyncMonitor *self = KIOSK_SYNC_MONITOR (object);

  if (self->engine != NULL)
    g_clear_signal_handler (&self->notify_id, self->engine);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (kiosk_sync_monitor_parent_class)->dispose (object);
}

static void
kiosk_sync_monitor_class_init (KioskSyncMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_sync_monitor_dispose;

  /**
   * KioskSyncMonitor::changed:
   *
   * The engine's state or counts may have changed, or the engine came or
   * went: read what is shown again.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kiosk_sync_monitor_init (KioskSyncMonitor *self)
{
}

KioskSyncMonitor *
_kiosk_sync_monitor_new (void)
{
  return g_object_new (KIOSK_TYPE_SYNC_MONITOR, NULL);
}

void
_kiosk_sync_monitor_set_engine (KioskSyncMonitor *self,
                                KioskSyncEngine  *engine)
{
  g_return_if_fail (KIOSK_IS_SYNC_MONITOR (self));
  g_return_if_fail (engine == NULL || KIOSK_IS_SYNC_ENGINE (engine));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_clear_signal_handler (&self->notify_id, self->engine);
  g_set_object (&self->engine, engine);
  /* Any property may change what is shown, so one handler for all. */
  if (self->engine != NULL)
    self->notify_id = g_signal_connect_swapped (self->engine, "notify",
                                                G_CALLBACK (engine_notified), self);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
kiosk_sync_monitor_get_active (KioskSyncMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_MONITOR (self), FALSE);
  return self->engine != NULL;
}

KioskSyncState
kiosk_sync_monitor_get_state (KioskSyncMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_MONITOR (self), KIOSK_SYNC_STATE_UNENROLLED);
  return self->engine != NULL ? kiosk_sync_engine_get_state (self->engine) : KIOSK_SYNC_STATE_UNENROLLED;
}

GDateTime *
kiosk_sync_monitor_dup_since (KioskSyncMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_MONITOR (self), NULL);
  return self->engine != NULL ? kiosk_sync_engine_dup_since (self->engine) : NULL;
}

GDateTime *
kiosk_sync_monitor_dup_next_attempt (KioskSyncMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_MONITOR (self), NULL);
  return self->engine != NULL ? kiosk_sync_engine_dup_next_attempt (self->engine) : NULL;
}

guint64
kiosk_sync_monitor_get_records_received (KioskSyncMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_MONITOR (self), 0);
  return self->engine != NULL ? kiosk_sync_engine_get_records_received (self->engine) : 0;
}

guint64
kiosk_sync_monitor_get_records_expected (KioskSyncMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_MONITOR (self), 0);
  return self->engine != NULL ? kiosk_sync_engine_get_records_expected (self->engine) : 0;
}

guint
kiosk_sync_monitor_get_refused_count (KioskSyncMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_MONITOR (self), 0);
  return self->engine != NULL ? kiosk_sync_engine_get_refused_count (self->engine) : 0;
}

guint
kiosk_sync_monitor_get_waiting_count (KioskSyncMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_MONITOR (self), 0);
  return self->engine != NULL ? kiosk_sync_engine_get_waiting_count (self->engine) : 0;
}

gint64
kiosk_sync_monitor_get_clock_skew (KioskSyncMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_MONITOR (self), 0);
  return self->engine != NULL ? kiosk_sync_engine_get_clock_skew (self->engine) : 0;
}

const char *
kiosk_sync_monitor_get_reason (KioskSyncMonitor *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_MONITOR (self), NULL);
  return self->engine != NULL ? kiosk_sync_engine_get_reason (self->engine) : NULL;
}

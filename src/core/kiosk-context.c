/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-context"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kiosk-demo.h"
#include "kiosk-time.h"
#include "kiosk-context-private.h"
#include "kiosk-sync-monitor-private.h"

struct _KioskContext
{
  GObject       parent_instance;

  char         *data_dir;
  gboolean      demo;
  gboolean      owns_data_dir;   /* a throwaway demo dir, removed at the end */
  KioskReplica *replica;
  GSettings    *settings;
  char         *notice;
  GDateTime    *pinned_now;
  GTimeSpan     clock_offset;    /* KIOSK_TEST_CLOCK_OFFSET, µs; 0 outside tests */
  GTimeZone    *salon_tz;

  KioskCredentials *credentials;
  KioskSyncEngine  *sync_engine;
  KioskSyncMonitor *sync_monitor;  /* follows sync_engine, for the pages */
  gboolean          sync_wanted;    /* the window is up: run the engine when there is one */
  gboolean          sync_started;
};

G_DEFINE_FINAL_TYPE (KioskContext, kiosk_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATA_DIR,
  PROP_REPLICA,
  PROP_SETTINGS,
  PROP_DEMO,
  PROP_CREDENTIALS,
  PROP_SYNC_ENGINE,
  N_PROPS
};

enum {
  REPLICA_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

static void
kiosk_context_dispose (GObject *object)
{
  KioskContext *self = (KioskContext *)object;

  /* Stop before the replica goes: the engine's thread must be joined
   * while everything it was handed is still alive. Nothing in flight is
   * lost (the outbox keeps it). */
  if (self->sync_engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sync_engine, self);
      if (self->sync_started)
        kiosk_sync_engine_stop (self->sync_engine);
      self->sync_started = FALSE;
      g_clear_object (&self->sync_engine);
    }
  if (self->sync_monitor != NULL)
    _kiosk_sync_monitor_set_engine (self->sync_monitor, NULL);
  g_clear_object (&self->sync_monitor);
  g_clear_object (&self->credentials);

  G_OBJECT_CLASS (kiosk_context_parent_class)->dispose (object);
}

static void
kiosk_context_finalize (GObject *object)
{
  KioskContext *self = (KioskContext *)object;

  g_clear_object (&self->replica);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->pinned_now, g_date_time_unref);
  g_clear_pointer (&self->salon_tz, g_time_zone_unref);
  if (self->owns_data_dir && self->data_dir != NULL)
    remove_tree (self->data_dir);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->notice, g_free);

  G_OBJECT_CLASS (kiosk_context_parent_class)->finalize (object);
}

static void
kiosk_context_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KioskContext *self = KIOSK_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    case PROP_REPLICA:
      g_value_set_object (value, self->replica);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;
    case PROP_CREDENTIALS:
      g_value_set_object (value, self->credentials);
      break;
    case PROP_SYNC_ENGINE:
      g_value_set_object (value, self->sync_engine);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_context_class_init (KioskContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_context_dispose;
  object_class->finalize = kiosk_context_finalize;
  object_class->get_property = kiosk_context_get_property;

  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REPLICA] =
    g_param_spec_object ("replica", NULL, NULL, KIOSK_TYPE_REPLICA,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CREDENTIALS] =
    g_param_spec_object ("credentials", NULL, NULL, KIOSK_TYPE_CREDENTIALS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* NULL until the replica has an enrollment; notified when it appears. */
  properties[PROP_SYNC_ENGINE] =
    g_param_spec_object ("sync-engine", NULL, NULL, KIOSK_TYPE_SYNC_ENGINE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskContext::replica-changed:
   *
   * Replica data changed (a desk action, or later a sync page): views reload.
   */
  signals[REPLICA_CHANGED] =
    g_signal_new ("replica-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kiosk_context_init (KioskContext *self)
{
  self->sync_monitor = _kiosk_sync_monitor_new ();
}

static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      /* Running from a bare build tree without GSETTINGS_SCHEMA_DIR: work on
       * defaults rather than abort as g_settings_new() would. */
      g_info ("GSettings schema %s not installed; using defaults", BASE_APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
load_salon_time_zone (KioskContext *self)
{
  g_autoptr(KioskSalon) salon = kiosk_replica_get_salon (self->replica, NULL);
  const char *tz_name = salon != NULL && salon->timezone != NULL ? salon->timezone : "Europe/Istanbul";

  g_clear_pointer (&self->salon_tz, g_time_zone_unref);
  self->salon_tz = g_time_zone_new_identifier (tz_name);
  if (self->salon_tz == NULL)
    self->salon_tz = g_time_zone_new_identifier ("Europe/Istanbul");
  if (self->salon_tz == NULL)
    /* No tzdata at all: Istanbul has kept +03:00 all year since 2016. */
    self->salon_tz = g_time_zone_new_offset (3 * 3600);
}

static gboolean
replica_is_enrolled (KioskReplica *replica)
{
  g_autofree char *server = kiosk_replica_get_meta (replica, KIOSK_META_SERVER_URL);
  g_autofree char *device = kiosk_replica_get_meta (replica, KIOSK_META_DEVICE);

  return server != NULL && *server != '\0' && device != NULL && *device != '\0';
}

static void
on_engine_changed (KioskSyncEngine *engine,
                   guint            entities,
                   KioskContext    *self)
{
  if (entities & KIOSK_SYNC_ENTITY_BIT (KIOSK_ENTITY_SALON))
    load_salon_time_zone (self);
  kiosk_context_notify_replica_changed (self);
}

static void
on_engine_state_changed (KioskSyncEngine *engine,
                         GParamSpec      *pspec,
                         KioskContext    *self)
{
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *stamp = NULL;
  g_autoptr(GError) error = NULL;

  if (kiosk_sync_engine_get_state (engine) != KIOSK_SYNC_STATE_UP_TO_DATE)
    return;

  /* For --status: when the replica last caught up with the server. */
  since = kiosk_sync_engine_dup_since (engine);
  if (since == NULL)
    since = g_date_time_new_now_utc ();
  else
    {
      GDateTime *utc = g_date_time_to_utc (since);

      g_date_time_unref (since);
      since = utc;
    }
  stamp = g_date_time_format_iso8601 (since);
  if (!kiosk_replica_set_meta (self->replica, KIOSK_META_LAST_PULL, stamp, &error))
    g_debug ("Cannot record the time of the last pull: %s", error->message);
}

static void
connect_engine (KioskContext *self)
{
  /* Rows the engine wrote reach the views as KioskContext::replica-changed
   * (the engine emits on this, the main, thread). */
  g_signal_connect_object (self->sync_engine, "changed",
                           G_CALLBACK (on_engine_changed), self, 0);
  g_signal_connect_object (self->sync_engine, "notify::state",
                           G_CALLBACK (on_engine_state_changed), self, 0);
}

/* Makes the engine when the replica is enrolled and there is none yet. */
static gboolean
ensure_sync_engine (KioskContext *self)
{
  g_autofree char *ca_file = NULL;

  if (self->sync_engine != NULL || self->demo || !replica_is_enrolled (self->replica))
    return FALSE;

  if (self->settings != NULL)
    ca_file = g_settings_get_string (self->settings, "ca-file");
  self->sync_engine = kiosk_sync_engine_new (kiosk_replica_get_path (self->replica),
                                             self->credentials,
                                             ca_file != NULL && *ca_file != '\0' ? ca_file : NULL);
  connect_engine (self);
  _kiosk_sync_monitor_set_engine (self->sync_monitor, self->sync_engine);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENGINE]);
  return TRUE;
}

KioskContext *
kiosk_context_new (const char  *data_dir,
                   gboolean     demo,
                   guint32      demo_seed,
                   GError     **error)
{
  g_autoptr(KioskContext) self = g_object_new (KIOSK_TYPE_CONTEXT, NULL);
  g_autofree char *db_path = NULL;

  self->demo = demo;
  if (!kiosk_time_parse_clock_offset (g_getenv ("KIOSK_TEST_CLOCK_OFFSET"), &self->clock_offset))
    g_warning ("KIOSK_TEST_CLOCK_OFFSET is not a number of seconds; the clock is not moved");
  if (data_dir != NULL)
    self->data_dir = g_canonicalize_filename (data_dir, NULL);
  else if (demo)
    {
      self->data_dir = g_dir_make_tmp ("salonity-kiosk-demo-XXXXXX", error);
      if (self->data_dir == NULL)
        return NULL;
      self->owns_data_dir = TRUE;
    }
  else
    self->data_dir = g_build_filename (g_get_user_data_dir (), "salonity-kiosk", NULL);

  if (g_mkdir_with_parents (self->data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the data folder %s: %s"),
                   self->data_dir, g_strerror (saved_errno));
      return NULL;
    }

  db_path = g_build_filename (self->data_dir, "replica.db", NULL);
  self->replica = kiosk_replica_open (db_path, error);
  if (self->replica == NULL)
    return NULL;

  if (kiosk_replica_get_moved_aside_path (self->replica) != NULL)
    self->notice = g_strdup_printf (_("The local database was damaged. It was kept as %s and a new one was made; "
                                      "it will be filled again from the server."),
                                    kiosk_replica_get_moved_aside_path (self->replica));

  load_salon_time_zone (self);

  if (demo)
    {
      g_autoptr(KioskSalon) salon = kiosk_replica_get_salon (self->replica, NULL);

      if (salon == NULL)
        {
          g_autofree char *today = kiosk_context_dup_today (self);
          KioskDemoOptions options;

          kiosk_demo_options_init (&options, today);
          if (demo_seed != 0)
            options.seed = demo_seed;
          if (!kiosk_demo_populate (self->replica, &options, error))
            return NULL;
          load_salon_time_zone (self);
        }
    }

  self->settings = lookup_settings ();
  self->credentials = kiosk_credentials_new ();
  ensure_sync_engine (self);

  return g_steal_pointer (&self);
}

const char *
kiosk_context_get_data_dir (KioskContext *self)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  return self->data_dir;
}

KioskReplica *
kiosk_context_get_replica (KioskContext *self)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  return self->replica;
}

GSettings *
kiosk_context_get_settings (KioskContext *self)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  return self->settings;
}

gboolean
kiosk_context_get_demo (KioskContext *self)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), FALSE);
  return self->demo;
}

const char *
kiosk_context_get_notice (KioskContext *self)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  return self->notice;
}

GDateTime *
kiosk_context_dup_now (KioskContext *self)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);

  if (self->pinned_now != NULL)
    return g_date_time_to_timezone (self->pinned_now, self->salon_tz);

  utc = g_date_time_new_now_utc ();
  if (self->clock_offset != 0)
    {
      GDateTime *shifted = g_date_time_add (utc, self->clock_offset);

      g_date_time_unref (utc);
      utc = shifted;
    }
  return g_date_time_to_timezone (utc, self->salon_tz);
}


void
kiosk_context_set_now (KioskContext *self,
                       GDateTime    *now)
{
  g_return_if_fail (KIOSK_IS_CONTEXT (self));

  g_clear_pointer (&self->pinned_now, g_date_time_unref);
  if (now != NULL)
    self->pinned_now = g_date_time_ref (now);
}

char *
kiosk_context_dup_today (KioskContext *self)
{
  g_autoptr(GDateTime) now = kiosk_context_dup_now (self);

  return g_date_time_format (now, "%Y-%m-%d");
}

void
kiosk_context_notify_replica_changed (KioskContext *self)
{
  g_return_if_fail (KIOSK_IS_CONTEXT (self));
  g_signal_emit (self, signals[REPLICA_CHANGED], 0);
}

KioskCredentials *
kiosk_context_get_credentials (KioskContext *self)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  return self->credentials;
}

KioskSyncMonitor *
kiosk_context_get_sync_monitor (KioskContext *self)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  return self->sync_monitor;
}

KioskSyncEngine *
kiosk_context_get_sync_engine (KioskContext *self)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  return self->sync_engine;
}

void
kiosk_context_start_sync (KioskContext *self)
{
  g_return_if_fail (KIOSK_IS_CONTEXT (self));

  self->sync_wanted = TRUE;
  ensure_sync_engine (self);
  if (self->sync_engine == NULL || self->sync_started)
    return;
  self->sync_started = TRUE;
  kiosk_sync_engine_start (self->sync_engine);
}

static void
drop_sync_engine (KioskContext *self)
{
  if (self->sync_engine == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->sync_engine, self);
  if (self->sync_started)
    kiosk_sync_engine_stop (self->sync_engine);
  self->sync_started = FALSE;
  g_clear_object (&self->sync_engine);
  _kiosk_sync_monitor_set_engine (self->sync_monitor, NULL);
}

void
kiosk_context_reload_enrollment (KioskContext *self)
{
  g_return_if_fail (KIOSK_IS_CONTEXT (self));

  /* The engine read its server and device when it started, and one that
   * met a 401 has stopped uploading: a new enrollment (or none, after
   * unpairing) gets a new engine. Nothing pending is lost: it is in the
   * replica's outbox. */
  if (self->sync_engine != NULL)
    {
      drop_sync_engine (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENGINE]);
    }
  load_salon_time_zone (self);

  if (ensure_sync_engine (self) && self->sync_wanted)
    kiosk_context_start_sync (self);
}

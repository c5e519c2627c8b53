/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-application"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-application.h"
#include "kiosk-cli.h"
#include "kiosk-window.h"

struct _KioskApplication
{
  GtkApplication  parent_instance;

  KioskContext   *context;

  /* From the command line of the first (primary) instance. */
  char           *data_dir;
  gboolean        demo;
  gboolean        kiosk_mode;
  gint            demo_seed;
  gboolean        quit_after_first_frame;
};

G_DEFINE_FINAL_TYPE (KioskApplication, kiosk_application, GTK_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

KioskApplication *
kiosk_application_new (const char        *application_id,
                       GApplicationFlags  flags)
{
  /* One resource path for every profile (.Devel too): style.css, icons. */
  return g_object_new (KIOSK_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/com/salonity/Kiosk",
                       NULL);
}

KioskContext *
kiosk_application_get_context (KioskApplication *self)
{
  g_return_val_if_fail (KIOSK_IS_APPLICATION (self), NULL);
  return self->context;
}

static int
kiosk_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  KioskApplication *self = KIOSK_APPLICATION (app);
  const char *data_dir = NULL;
  int cli_result;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("salonity-kiosk %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir))
    self->data_dir = g_strdup (data_dir);

  /* The headless commands run here, in the local process: no window, no
   * D-Bus name, just an exit code. */
  cli_result = kiosk_cli_run (options, self->data_dir);
  if (cli_result >= 0)
    return cli_result;

  self->demo = g_variant_dict_contains (options, "demo");
  self->kiosk_mode = g_variant_dict_contains (options, "kiosk");
  self->quit_after_first_frame = g_variant_dict_contains (options, "quit-after-first-frame");
  g_variant_dict_lookup (options, "demo-seed", "i", &self->demo_seed);

  return -1;
}

static void
show_fatal_error (KioskApplication *self,
                  const GError     *error)
{
  /* The replica could not be opened at all (not even a fresh one): say so in
   * a window rather than vanish, since a kiosk has no terminal to read. */
  GtkWidget *window = gtk_application_window_new (GTK_APPLICATION (self));
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *text = g_strdup_printf (_("Salonity Kiosk cannot start: %s"), error->message);

  g_printerr ("%s\n", text);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 48);
  gtk_widget_set_margin_end (label, 48);
  gtk_widget_set_margin_top (label, 48);
  gtk_widget_set_margin_bottom (label, 48);
  gtk_window_set_title (GTK_WINDOW (window), _("Salonity Kiosk"));
  gtk_window_set_child (GTK_WINDOW (window), label);
  gtk_window_present (GTK_WINDOW (window));
}

static void
kiosk_application_startup (GApplication *app)
{
  KioskApplication *self = KIOSK_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (kiosk_application_parent_class)->startup (app);

  g_set_application_name (_("Salonity Kiosk"));
  gtk_window_set_default_icon_name (APPLICATION_ID);

  self->context = kiosk_context_new (self->data_dir, self->demo, (guint32)self->demo_seed, &error);
  if (self->context == NULL)
    g_warning ("Cannot open the replica: %s", error->message);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
on_first_frame (GdkFrameClock    *clock,
                KioskApplication *self)
{
  /* For the start-up benchmark: the first frame is on screen. */
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, self);
  g_application_quit (G_APPLICATION (self));
}

static void
on_window_realize (GtkWidget        *window,
                   KioskApplication *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame), self);
}

/* Sync starts once the first frame is on screen: its network monitor and
 * its thread, which opens the replica and talks to the server at once,
 * would otherwise share the machine with that frame. Starting it is
 * harmless when pairing already did. */
static void
on_first_frame_start_sync (GdkFrameClock    *clock,
                           KioskApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_start_sync, self);
  if (self->context != NULL)
    kiosk_context_start_sync (self->context);
}

static void
start_sync_after_first_frame (KioskApplication *self,
                              GtkWindow        *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  if (clock == NULL)
    {
      kiosk_context_start_sync (self->context);
      return;
    }
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_frame_start_sync), self, 0);
}

static gboolean
settings_want_kiosk_mode (KioskContext *context)
{
  GSettings *settings = kiosk_context_get_settings (context);
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return FALSE;
  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, "kiosk-mode") &&
         g_settings_get_boolean (settings, "kiosk-mode");
}

static void
kiosk_application_activate (GApplication *app)
{
  KioskApplication *self = KIOSK_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gboolean new_window = window == NULL;

  if (window == NULL)
    {
      if (self->context == NULL)
        {
          g_autoptr(GError) error = NULL;

          /* Try once more to get the message for the person at the desk. */
          self->context = kiosk_context_new (self->data_dir, self->demo, (guint32)self->demo_seed, &error);
          if (self->context == NULL)
            {
              show_fatal_error (self, error);
              return;
            }
        }

      window = GTK_WINDOW (kiosk_window_new (GTK_APPLICATION (self), self->context));

      /* Locked down for a front-desk terminal: full screen, no close
       * button, idle/logout/suspend inhibited; staff leave with the PIN. */
      if (self->kiosk_mode || settings_want_kiosk_mode (self->context))
        kiosk_window_set_kiosk_mode (KIOSK_WINDOW (window), TRUE);

      if (self->quit_after_first_frame)
        g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), self);
    }

  gtk_window_present (window);

  /* Sync starts once the window's first frame is painted, so that start-up
   * never waits on it (or shares the machine with it); again if activated
   * again, which starts nothing new. */
  if (self->context != NULL && new_window)
    start_sync_after_first_frame (self, window);
  else if (self->context != NULL)
    kiosk_context_start_sync (self->context);
}

static void
kiosk_application_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KioskApplication *self = KIOSK_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_application_dispose (GObject *object)
{
  KioskApplication *self = KIOSK_APPLICATION (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (kiosk_application_parent_class)->dispose (object);
}

static void
kiosk_application_finalize (GObject *object)
{
  KioskApplication *self = KIOSK_APPLICATION (object);

  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (kiosk_application_parent_class)->finalize (object);
}

static void
kiosk_application_class_init (KioskApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->get_property = kiosk_application_get_property;
  object_class->dispose = kiosk_application_dispose;
  object_class->finalize = kiosk_application_finalize;

  app_class->handle_local_options = kiosk_application_handle_local_options;
  app_class->startup = kiosk_application_startup;
  app_class->activate = kiosk_application_activate;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KIOSK_TYPE_CONTEXT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_application_init (KioskApplication *self)
{
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and exit"), NULL },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Keep the local database in DIR"), N_("DIR") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Run with a demo salon in a throwaway folder"), NULL },
    { "kiosk", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Run full screen, locked down for a front-desk terminal"), NULL },
    { "demo-seed", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, NULL,
      "Seed for the demo data", "N" },
    { "quit-after-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
      "Print the time of the first frame and quit (benchmarks)", NULL },
    /* Headless commands (src/kiosk-cli.c, docs/command-line.md). */
    { "enroll", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Pair this kiosk with a salon (needs --server, --salon, --pairing-code, --name) and exit"), NULL },
    { "server", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Address of the Salonity server, for --enroll"), N_("URL") },
    { "salon", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Id of the salon, for --enroll"), N_("ID") },
    { "pairing-code", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("The 6-digit pairing code from the salon owner, for --enroll"), N_("CODE") },
    /* A filename, so that a Turkish name passes whatever the locale; the
     * command checks that it is UTF-8. */
    { "name", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Name of this kiosk as staff will see it, for --enroll"), N_("NAME") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Trust the certificate authority in this PEM file (default: the ca-file setting)"), N_("FILE") },
    { "sync-once", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Download and upload until up to date, then exit"), NULL },
    { "status", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the enrollment and sync state and exit"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --status: print one JSON object"), NULL },
    { "dump-replica", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print every row of the local database as one JSON object a line and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The front desk of a Salonity salon: walk-ins, check-in, loyalty and the staff calendar, online or offline."));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("Exit codes of --enroll, --sync-once, --status and --dump-replica:\n"
                                                  "  0  done (--sync-once: up to date)\n"
                                                  "  1  local trouble (database, disk, secret store)\n"
                                                  "  2  wrong use of the options\n"
                                                  "  3  --sync-once: up to date, but the server refused changes that wait for staff\n"
                                                  "  4  the server cannot be reached, is throttling or failing\n"
                                                  "  5  --sync-once: not enrolled, or the server revoked this device\n"
                                                  "  6  --enroll: the server refused the enrollment (pairing code wrong, expired or used; unknown salon)\n"
                                                  "  7  --enroll: too many attempts; wait the time shown\n"
                                                  "  8  --enroll: the URL is refused (not http(s), plain HTTP to a remote host, untrusted certificate)\n"
                                                  "  9  --enroll: no secret store to keep the device token\n"
                                                  " 10  --enroll: the data folder belongs to another salon\n"
                                                  "The device token is never printed. See docs/command-line.md."));
}

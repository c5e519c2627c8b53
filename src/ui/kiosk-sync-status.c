/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-sync-status"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-sync-status.h"

/* Above this the kiosk's clock is off enough to confuse people (§4). */
#define SKEW_WARNING_US (2 * G_TIME_SPAN_MINUTE)

struct _KioskSyncStatus
{
  GtkWidget        parent_instance;

  KioskSyncMonitor *monitor;
  gulong           notify_id;

  GtkMenuButton   *button;
  GtkImage        *icon;
  GtkLabel        *label;
  GtkLabel        *details;
  char            *summary;
  GTimeZone       *tz;
  int              waiting;   /* -1: the engine's count */
  int              refused;   /* -1: the engine's count */
};

G_DEFINE_FINAL_TYPE (KioskSyncStatus, kiosk_sync_status, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MONITOR,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_time (KioskSyncStatus *self,
             GDateTime       *when)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return NULL;
  local = self->tz != NULL ? g_date_time_to_timezone (when, self->tz) : g_date_time_to_local (when);
  return g_date_time_format (local, "%H:%M");
}

static void
kiosk_sync_status_update (KioskSyncStatus *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *since = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  const char *icon_name = "emblem-ok-symbolic";
  const char *css = "sync-ok";
  guint waiting = 0, refused = 0;
  gint64 skew = 0;

  gtk_widget_remove_css_class (GTK_WIDGET (self->button), "sync-ok");
  gtk_widget_remove_css_class (GTK_WIDGET (self->button), "sync-busy");
  gtk_widget_remove_css_class (GTK_WIDGET (self->button), "sync-warning");

  if ((self->monitor == NULL || !kiosk_sync_monitor_get_active (self->monitor)))
    {
      summary = g_strdup (_("Local only"));
      g_string_append (details, _("This kiosk is not paired with a Salonity server. "
                                  "Everything is kept on this terminal."));
      icon_name = "network-offline-symbolic";
      css = "sync-busy";
    }
  else
    {
      KioskSyncState state = kiosk_sync_monitor_get_state (self->monitor);
      g_autoptr(GDateTime) since_dt = kiosk_sync_monitor_dup_since (self->monitor);

      waiting = self->waiting >= 0 ? (guint) self->waiting : kiosk_sync_monitor_get_waiting_count (self->monitor);
      refused = self->refused >= 0 ? (guint) self->refused : kiosk_sync_monitor_get_refused_count (self->monitor);
      skew = kiosk_sync_monitor_get_clock_skew (self->monitor);
      since = format_time (self, since_dt);

      /* The replica's count is newer than the engine's last round: staff
       * dealt with the last refused change, or one was just refused. A
       * local error (with a reason) keeps its state. */
      if (state == KIOSK_SYNC_STATE_NEEDS_ATTENTION && self->refused == 0 &&
          kiosk_sync_monitor_get_reason (self->monitor) == NULL)
        state = KIOSK_SYNC_STATE_UP_TO_DATE;
      else if (state == KIOSK_SYNC_STATE_UP_TO_DATE && self->refused > 0)
        state = KIOSK_SYNC_STATE_NEEDS_ATTENTION;

      switch (state)
        {
        case KIOSK_SYNC_STATE_UP_TO_DATE:
          /* The last round went well, but something done at the desk since
           * has not reached the server: not "up to date" until it has (a
           * moment online; offline, until the engine finds out). */
          if (waiting > 0)
            {
              icon_name = "emblem-synchronizing-symbolic";
              css = "sync-busy";
              summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change to send", "%u changes to send",
                                                      waiting),
                                         waiting);
            }
          else
            summary = g_strdup (_("Up to date"));
          if (since != NULL)
            g_string_append_printf (details, _("Everything was in step with the server at %s."), since);
          break;

        case KIOSK_SYNC_STATE_SYNCING:
          {
            guint64 received = kiosk_sync_monitor_get_records_received (self->monitor);
            guint64 expected = kiosk_sync_monitor_get_records_expected (self->monitor);
            /* Numbers go in as text: gettext cannot see through
             * G_GUINT64_FORMAT inside a message. */
            g_autofree char *n_received = g_strdup_printf ("%" G_GUINT64_FORMAT, received);
            g_autofree char *n_expected = g_strdup_printf ("%" G_GUINT64_FORMAT, expected);

            icon_name = "emblem-synchronizing-symbolic";
            css = "sync-busy";

            if (expected > 0)
              /* Translators: records received so far, then records expected. */
              summary = g_strdup_printf (_("Syncing… %s of %s"), n_received, n_expected);
            else if (received > 0)
              summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Syncing… %s record", "Syncing… %s records",
                                                      (gulong) MIN (received, G_MAXULONG)),
                                         n_received);
            else
              summary = g_strdup (_("Syncing…"));
          }
          break;

        case KIOSK_SYNC_STATE_OFFLINE:
          icon_name = "network-offline-symbolic";
          css = "sync-warning";
          summary = since != NULL ? g_strdup_printf (_("Offline since %s"), since) : g_strdup (_("Offline"));
          g_string_append (details, _("The server cannot be reached. The desk keeps working; "
                                      "changes are kept and sent when the connection returns."));
          break;

        case KIOSK_SYNC_STATE_WAITING:
          {
            g_autoptr(GDateTime) next = kiosk_sync_monitor_dup_next_attempt (self->monitor);
            g_autofree char *at = format_time (self, next);

            icon_name = "emblem-synchronizing-symbolic";
            css = "sync-busy";
            summary = at != NULL ? g_strdup_printf (_("Retrying at %s"), at) : g_strdup (_("Retrying soon"));
            g_string_append (details, _("The server asked the kiosk to wait, or did not answer well. "
                                        "Nothing is lost; the kiosk tries again by itself."));
          }
          break;

        case KIOSK_SYNC_STATE_NEEDS_ATTENTION:
          icon_name = "dialog-warning-symbolic";
          css = "sync-warning";
          summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change refused", "%u changes refused", refused),
                                     refused);
          g_string_append (details, _("The server refused some changes made at this desk. "
                                      "Staff can review them; nothing else is held up."));
          break;

        case KIOSK_SYNC_STATE_UNENROLLED:
        default:
          icon_name = "network-offline-symbolic";
          css = "sync-warning";
          summary = g_strdup (_("Not paired"));
          g_string_append (details, _("This kiosk is not paired with the server (or was unpaired). "
                                      "Changes are kept and sent after pairing again."));
          break;
        }
    }

  if (waiting > 0)
    {
      if (details->len > 0)
        g_string_append_c (details, '\n');
      g_string_append_printf (details,
                              g_dngettext (GETTEXT_PACKAGE, "%u change waits to be sent.",
                                           "%u changes wait to be sent.", waiting),
                              waiting);
    }
  if (ABS (skew) > SKEW_WARNING_US)
    {
      int minutes = (int)(ABS (skew) / G_TIME_SPAN_MINUTE);

      if (details->len > 0)
        g_string_append_c (details, '\n');
      g_string_append_printf (details,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "This terminal's clock is %d minute off the server's: please set it right.",
                                           "This terminal's clock is %d minutes off the server's: please set it right.",
                                           minutes),
                              minutes);
      icon_name = "dialog-warning-symbolic";
      css = "sync-warning";
    }

  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_label_set_text (self->label, summary);
  gtk_label_set_text (self->details, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->details), details->len > 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), css);
  /* GTK 4.8 asks the X server three times for each tooltip set on a shown
   * widget: only when it says something else. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->button)),
                 details->len > 0 ? details->str : summary) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), details->len > 0 ? details->str : summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  -1);

  if (g_strcmp0 (summary, self->summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_steal_pointer (&summary);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }
}

KioskSyncMonitor *
kiosk_sync_status_get_monitor (KioskSyncStatus *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_STATUS (self), NULL);
  return self->monitor;
}

void
kiosk_sync_status_set_monitor (KioskSyncStatus  *self,
                               KioskSyncMonitor *monitor)
{
  g_return_if_fail (KIOSK_IS_SYNC_STATUS (self));
  g_return_if_fail (monitor == NULL || KIOSK_IS_SYNC_MONITOR (monitor));

  if (self->monitor == monitor)
    return;

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->notify_id, self->monitor);
  g_set_object (&self->monitor, monitor);
  /* The monitor says "changed" on this (the main) thread; any change may alter
   * the line, so one handler re-reads them all. */
  if (self->monitor != NULL)
    self->notify_id = g_signal_connect_swapped (self->monitor, "changed",
                                                G_CALLBACK (kiosk_sync_status_update), self);

  kiosk_sync_status_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONITOR]);
}

void
kiosk_sync_status_set_time_zone (KioskSyncStatus *self,
                                 GTimeZone       *tz)
{
  g_return_if_fail (KIOSK_IS_SYNC_STATUS (self));

  g_clear_pointer (&self->tz, g_time_zone_unref);
  if (tz != NULL)
    self->tz = g_time_zone_ref (tz);
  kiosk_sync_status_update (self);
}

void
kiosk_sync_status_set_counts (KioskSyncStatus *self,
                              int              waiting,
                              int              refused)
{
  g_return_if_fail (KIOSK_IS_SYNC_STATUS (self));

  waiting = MAX (waiting, -1);
  refused = MAX (refused, -1);
  if (self->waiting == waiting && self->refused == refused)
    return;
  self->waiting = waiting;
  self->refused = refused;
  kiosk_sync_status_update (self);
}

char *
kiosk_sync_status_dup_banner_text (KioskSyncStatus *self)
{
  KioskSyncState state;
  g_autoptr(GDateTime) since_dt = NULL;
  g_autofree char *since = NULL;
  guint waiting;

  g_return_val_if_fail (KIOSK_IS_SYNC_STATUS (self), NULL);

  if ((self->monitor == NULL || !kiosk_sync_monitor_get_active (self->monitor)))
    return NULL;
  state = kiosk_sync_monitor_get_state (self->monitor);
  if (state != KIOSK_SYNC_STATE_OFFLINE && state != KIOSK_SYNC_STATE_WAITING)
    return NULL;

  waiting = self->waiting >= 0 ? (guint) self->waiting : kiosk_sync_monitor_get_waiting_count (self->monitor);
  since_dt = kiosk_sync_monitor_dup_since (self->monitor);
  since = format_time (self, since_dt);

  if (state == KIOSK_SYNC_STATE_OFFLINE)
    {
      if (since != NULL && waiting > 0)
        /* Translators: the time the kiosk went offline, then how many
         * changes made at the desk wait. */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Offline since %1$s — %2$u change will upload when the connection returns",
                                             "Offline since %1$s — %2$u changes will upload when the connection returns",
                                             waiting),
                                since, waiting);
      if (since != NULL)
        return g_strdup_printf (_("Offline since %s — the desk keeps working; changes will upload when the "
                                  "connection returns"),
                                since);
      if (waiting > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Offline — %u change will upload when the connection returns",
                                             "Offline — %u changes will upload when the connection returns",
                                             waiting),
                                waiting);
      return g_strdup (_("Offline — the desk keeps working; changes will upload when the connection returns"));
    }
  else
    {
      g_autoptr(GDateTime) next_dt = kiosk_sync_monitor_dup_next_attempt (self->monitor);
      g_autofree char *next = format_time (self, next_dt);
      g_autofree char *head = since != NULL
        /* Translators: the time the kiosk was last in step with the server. */
        ? g_strdup_printf (_("The server has not answered well since %s"), since)
        : g_strdup (_("The server is not answering well"));
      g_autofree char *tail = waiting > 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change will upload when it does",
                                        "%u changes will upload when it does", waiting),
                           waiting)
        : g_strdup (_("the desk keeps working"));

      if (next != NULL)
        /* Translators: "<the server has not answered well since 14:05> —
         * <3 changes will upload when it does> (next try at 14:07)". */
        return g_strdup_printf (_("%s — %s (next try at %s)"), head, tail, next);
      /* Translators: "<the server …> — <3 changes will upload when it does>". */
      return g_strdup_printf (_("%s — %s"), head, tail);
    }
}

const char *
kiosk_sync_status_get_summary (KioskSyncStatus *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_STATUS (self), NULL);
  return self->summary;
}

GtkWidget *
kiosk_sync_status_new (void)
{
  return g_object_new (KIOSK_TYPE_SYNC_STATUS, NULL);
}

static void
kiosk_sync_status_dispose (GObject *object)
{
  KioskSyncStatus *self = KIOSK_SYNC_STATUS (object);

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->notify_id, self->monitor);
  g_clear_object (&self->monitor);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_SYNC_STATUS);

  G_OBJECT_CLASS (kiosk_sync_status_parent_class)->dispose (object);
}

static void
kiosk_sync_status_finalize (GObject *object)
{
  KioskSyncStatus *self = KIOSK_SYNC_STATUS (object);

  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (kiosk_sync_status_parent_class)->finalize (object);
}

static void
kiosk_sync_status_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KioskSyncStatus *self = KIOSK_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_sync_status_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KioskSyncStatus *self = KIOSK_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      kiosk_sync_status_set_monitor (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_sync_status_class_init (KioskSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_sync_status_dispose;
  object_class->finalize = kiosk_sync_status_finalize;
  object_class->get_property = kiosk_sync_status_get_property;
  object_class->set_property = kiosk_sync_status_set_property;

  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, KIOSK_TYPE_SYNC_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-sync-status.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskSyncStatus, button);
  gtk_widget_class_bind_template_child (widget_class, KioskSyncStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, KioskSyncStatus, label);
  gtk_widget_class_bind_template_child (widget_class, KioskSyncStatus, details);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kiosksyncstatus");
  /* A group of controls, read as such (not as "KioskSyncStatus"). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kiosk_sync_status_init (KioskSyncStatus *self)
{
  self->waiting = -1;
  self->refused = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_sync_status_update (self);
}

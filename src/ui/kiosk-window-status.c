/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the window says above the pages: the salon's name and the clock in
 * the header, the notice banner, and its word on sync: the header's
 * indicator, the offline banner and the count of refused changes on the
 * "Needs attention" row of the rail (docs/kiosk-api.md §3.3).
 */
#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-context-reads.h"
#include "kiosk-desk-refused.h"
#include "kiosk-window-private.h"

void
_kiosk_window_update_salon_name (KioskWindow *self)
{
  g_autoptr(KioskSalon) salon = kiosk_context_get_salon (self->context, NULL);
  const char *name = salon != NULL && salon->name != NULL && *salon->name != '\0' ? salon->name : _("Salonity Kiosk");

  gtk_label_set_text (self->title_label, name);
  gtk_window_set_title (GTK_WINDOW (self), name);
}

static gboolean
on_clock_tick (gpointer user_data)
{
  KioskWindow *self = user_data;

  self->clock_source = 0;
  _kiosk_window_update_clock (self);

  return G_SOURCE_REMOVE;
}

void
_kiosk_window_update_clock (KioskWindow *self)
{
  g_autoptr(GDateTime) now = kiosk_context_dup_now (self->context);
  g_autofree char *text = g_date_time_format (now, "%H:%M");
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  guint to_next_minute = 60 - (guint)g_date_time_get_second (now);

  gtk_label_set_text (self->clock_label, text);

  /* The salon's day turned over (or the clock was moved): every page shows
   * "today", so all of them reload. */
  if (self->today != NULL && g_strcmp0 (self->today, today) != 0)
    kiosk_context_notify_replica_changed (self->context);
  g_free (self->today);
  self->today = g_steal_pointer (&today);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  /* Wake once a minute, just after it turns. */
  self->clock_source = g_timeout_add_seconds_full (G_PRIORITY_LOW, MAX (to_next_minute, 1),
                                                   on_clock_tick, self, NULL);
}

/* The notice above the pages, until dismissed; NULL hides it. */
void
_kiosk_window_show_notice (KioskWindow *self,
                           const char  *text)
{
  if (text != NULL)
    gtk_label_set_text (self->notice_label, text);
  gtk_revealer_set_reveal_child (self->notice_revealer, text != NULL);
}

static void
dismiss_notice_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _kiosk_window_show_notice (KIOSK_WINDOW (widget), NULL);
}

/* ---- sync ------------------------------------------------------------------- */

void
_kiosk_window_update_sync_status (KioskWindow *self)
{
  g_autoptr(GDateTime) now = kiosk_context_dup_now (self->context);

  kiosk_sync_status_set_time_zone (self->sync_status, g_date_time_get_timezone (now));
  kiosk_sync_status_set_monitor (self->sync_status, kiosk_context_get_sync_monitor (self->context));
}

/* The banner above the pages, the count on the "Needs attention" row and
 * the header bar's indicator all say the same numbers, read from the
 * replica whenever it or the engine's state changes. They are staff's
 * business: in customer mode neither the banner nor the indicator shows. */
void
_kiosk_window_update_desk_status (KioskWindow *self)
{
  g_autofree char *text = NULL;
  gboolean offline;
  gint64 refused_count = 0;
  gint64 waiting = 0, oldest = 0;
  g_autoptr(GError) error = NULL;
  gboolean have_counts;
  gboolean have_waiting;

  have_counts = kiosk_context_count_outbox (self->context, NULL, &refused_count, &error);
  if (!have_counts)
    {
      g_warning ("Cannot count the refused changes: %s", error->message);
      g_clear_error (&error);
    }
  have_waiting = kiosk_desk_count_waiting (self->context, &waiting, &oldest, &error);
  if (!have_waiting)
    {
      g_warning ("Cannot count the changes waiting to upload: %s", error->message);
      g_clear_error (&error);
    }

  kiosk_sync_status_set_counts (self->sync_status,
                                have_waiting ? (int) CLAMP (waiting, 0, G_MAXINT) : -1,
                                have_counts ? (int) CLAMP (refused_count, 0, G_MAXINT) : -1);

  if (self->attention_label != NULL)
    {
      int index = _kiosk_window_page_index ("refused");
      guint refused = have_counts ? (guint) CLAMP (refused_count, 0, G_MAXUINT) : 0;
      GtkWidget *row = self->rows[index];
      g_autofree char *count = g_strdup_printf ("%u", refused);
      g_autofree char *description = g_strdup_printf (ngettext ("%u change refused", "%u changes refused", refused),
                                                      refused);

      gtk_label_set_text (GTK_LABEL (self->attention_label), count);
      gtk_widget_set_visible (self->attention_label, refused > 0);
      gtk_widget_set_tooltip_text (row, refused > 0 ? description : _(_kiosk_window_pages[index].title));
      if (refused > 0)
        gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  text = kiosk_sync_status_dup_banner_text (self->sync_status);
  offline = text != NULL && self->staff_mode;
  if (offline)
    {
      /* Only a new sentence is set: a screen reader hears the banner when
       * it appears and when what it says changes, not at every tick. */
      if (g_strcmp0 (gtk_label_get_text (self->offline_label), text) != 0)
        {
          gtk_label_set_text (self->offline_label, text);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->offline_banner),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                          -1);
        }
    }
  if (offline != gtk_widget_get_visible (GTK_WIDGET (self->offline_revealer)))
    {
      g_debug ("Offline banner %s", offline ? "shown" : "hidden");
      /* Hidden at once, so the accessibility tree drops it too. */
      gtk_widget_set_visible (GTK_WIDGET (self->offline_revealer), offline);
      gtk_revealer_set_reveal_child (self->offline_revealer, offline);
    }
}

void
_kiosk_window_status_dispose (KioskWindow *self)
{
  g_clear_handle_id (&self->clock_source, g_source_remove);
}

void
_kiosk_window_status_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.dismiss-notice", NULL, dismiss_notice_action);
}

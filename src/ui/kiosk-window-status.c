/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The window's word on sync: the header bar's indicator, the offline
 * banner above the pages and the count of refused changes on the "Needs
 * attention" row of the rail (docs/kiosk-api.md §3.3).
 */
#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-context-reads.h"
#include "kiosk-desk-refused.h"
#include "kiosk-window-private.h"

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

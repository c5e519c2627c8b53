/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-settings-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-accessible.h"
#include "kiosk-pairing.h"
#include "kiosk-settings-page.h"
#include "kiosk-sync-status.h"
#include "kiosk-widgets.h"

struct _KioskSettingsPage
{
  KioskPage        parent_instance;

  KioskSyncMonitor *monitor;
  GCancellable    *cancellable;

  GtkWidget       *sync_status;
  GtkLabel        *waiting_label;
  GtkLabel        *refused_label;
  GtkLabel        *server_label;
  GtkLabel        *device_label;
  GtkLabel        *salon_label;
  GtkLabel        *message_label;
  GtkWidget       *unpair_button;
  GtkWidget       *confirm_revealer;
  GtkWidget       *leave_box;
};

G_DEFINE_FINAL_TYPE (KioskSettingsPage, kiosk_settings_page, KIOSK_TYPE_PAGE)

static void
set_value (GtkLabel   *label,
           const char *value)
{
  gtk_label_set_text (label, value != NULL && *value != '\0' ? value : "—");
}

static void
refresh (KioskSettingsPage *self)
{
  KioskContext *context = kiosk_page_get_context (KIOSK_PAGE (self));
  g_autofree char *server = NULL;
  g_autofree char *device_name = NULL;
  g_autofree char *salon = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *refused = NULL;
  guint n_waiting = 0, n_refused = 0;
  g_autoptr(GDateTime) now = NULL;

  if (context == NULL)
    return;

  now = kiosk_context_dup_now (context);
  kiosk_sync_status_set_time_zone (KIOSK_SYNC_STATUS (self->sync_status), g_date_time_get_timezone (now));
  kiosk_sync_status_set_monitor (KIOSK_SYNC_STATUS (self->sync_status), self->monitor);

  if (kiosk_sync_monitor_get_active (self->monitor))
    {
      n_waiting = kiosk_sync_monitor_get_waiting_count (self->monitor);
      n_refused = kiosk_sync_monitor_get_refused_count (self->monitor);
    }
  else
    n_waiting = kiosk_pairing_count_unsent_changes (context);

  waiting = g_strdup_printf (ngettext ("%u change waits to upload", "%u changes wait to upload", n_waiting), n_waiting);
  refused = g_strdup_printf (ngettext ("%u change refused by the server", "%u changes refused by the server", n_refused), n_refused);
  gtk_label_set_text (self->waiting_label, waiting);
  gtk_label_set_text (self->refused_label, refused);

  server = kiosk_pairing_dup_server_url (context);
  device_name = kiosk_pairing_dup_device_name (context);
  salon = kiosk_pairing_dup_salon (context);
  set_value (self->server_label, kiosk_context_get_demo (context) ? _("Demo: no server") : server);
  set_value (self->device_label, device_name);
  set_value (self->salon_label, salon);
  gtk_widget_set_sensitive (self->unpair_button,
                            !kiosk_context_get_demo (context) && server != NULL && self->cancellable == NULL);
}

static void
kiosk_settings_page_reload (KioskPage *page)
{
  refresh (KIOSK_SETTINGS_PAGE (page));
}

static void
kiosk_settings_page_clear (KioskPage *page)
{
  KioskSettingsPage *self = KIOSK_SETTINGS_PAGE (page);

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->confirm_revealer), FALSE);
}

void
kiosk_settings_page_set_kiosk_mode (KioskSettingsPage *self,
                                    gboolean           kiosk_mode)
{
  g_return_if_fail (KIOSK_IS_SETTINGS_PAGE (self));
  gtk_widget_set_visible (self->leave_box, kiosk_mode);
}

const char *
kiosk_settings_page_get_message (KioskSettingsPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SETTINGS_PAGE (self), NULL);
  return gtk_label_get_text (self->message_label);
}

/* ---- unpairing --------------------------------------------------------- */

static void
on_unpaired (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KioskSettingsPage) self = user_data;
  KioskContext *context = KIOSK_CONTEXT (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* Cancelled in dispose: the page is gone, nothing to say. */
  if (!kiosk_pairing_unpair_finish (context, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);

  if (error == NULL)
    {
      /* Core forgot the enrollment but kept the salon's rows and every
       * change that waits (pairing again uploads them). The window shows
       * the pairing screen. */
      gtk_label_set_text (self->message_label, _("This kiosk is no longer paired."));
      kiosk_context_reload_enrollment (context);
      return;
    }

  if (g_error_matches (error, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_NOT_RECORDED))
    {
      text = g_strdup_printf (_("The server unpaired this kiosk, but the local database "
                                "could not record it: %s"), error->message);
      gtk_label_set_text (self->message_label, text);
      return;
    }

  if (g_error_matches (error, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_NOT_PAIRED))
    gtk_label_set_text (self->message_label, _("This kiosk is not paired."));
  else
    {
      text = g_strdup_printf (_("The kiosk could not be unpaired: %s Nothing was changed."), error->message);
      gtk_label_set_text (self->message_label, text);
    }
  refresh (self);
}

void
kiosk_settings_page_unpair (KioskSettingsPage *self)
{
  g_return_if_fail (KIOSK_IS_SETTINGS_PAGE (self));

  if (self->cancellable != NULL)
    return;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->confirm_revealer), FALSE);

  /* The answer keeps the page alive until it comes; dispose cancels it. */
  self->cancellable = g_cancellable_new ();
  gtk_label_set_text (self->message_label, _("Unpairing…"));
  gtk_widget_set_sensitive (self->unpair_button, FALSE);
  kiosk_pairing_unpair_async (kiosk_page_get_context (KIOSK_PAGE (self)), self->cancellable,
                              on_unpaired, g_object_ref (self));
}

static void
on_unpair_clicked (KioskSettingsPage *self)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->confirm_revealer), TRUE);
}

/* ---- building ---------------------------------------------------------- */

static GtkLabel *
add_row (GtkGrid    *grid,
         int         row,
         const char *title)
{
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *value = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_grid_attach (grid, name, 0, row, 1, 1);
  gtk_grid_attach (grid, value, 1, row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL, -1);
  return GTK_LABEL (value);
}

static void
kiosk_settings_page_dispose (GObject *object)
{
  KioskSettingsPage *self = KIOSK_SETTINGS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (kiosk_settings_page_parent_class)->dispose (object);
}

static void
kiosk_settings_page_constructed (GObject *object)
{
  KioskSettingsPage *self = KIOSK_SETTINGS_PAGE (object);

  G_OBJECT_CLASS (kiosk_settings_page_parent_class)->constructed (object);

  /* The monitor outlives engines: it follows pairing and unpairing. */
  if (kiosk_page_get_context (KIOSK_PAGE (self)) != NULL)
    {
      self->monitor = g_object_ref (kiosk_context_get_sync_monitor (kiosk_page_get_context (KIOSK_PAGE (self))));
      g_signal_connect_object (self->monitor, "changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
    }
}

static void
kiosk_settings_page_class_init (KioskSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_settings_page_dispose;
  object_class->constructed = kiosk_settings_page_constructed;
  page_class->reload = kiosk_settings_page_reload;
  page_class->clear = kiosk_settings_page_clear;
}

static void
kiosk_settings_page_init (KioskSettingsPage *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *title = gtk_label_new (_("Settings"));
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *state_name = gtk_label_new (_("Sync"));
  GtkWidget *confirm_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *confirm_text;
  GtkWidget *confirm_button;
  GtkWidget *leave_button;
  GtkWidget *leave_text;

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (scroller, GTK_WIDGET (self));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), outer);

  gtk_widget_add_css_class (header, "page-header");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "page-title");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (outer), header);

  gtk_widget_add_css_class (column, "page-column");
  gtk_box_append (GTK_BOX (outer), column);
  gtk_box_append (GTK_BOX (column), kiosk_heading_new (_("Sync")));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_label_set_xalign (GTK_LABEL (state_name), 0);
  gtk_widget_add_css_class (state_name, "dim-label");
  self->sync_status = kiosk_sync_status_new ();
  gtk_widget_set_halign (self->sync_status, GTK_ALIGN_START);
  gtk_grid_attach (GTK_GRID (grid), state_name, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->sync_status, 1, 0, 1, 1);
  /* Translators: changes made here that wait to upload (a row heading). */
  self->waiting_label = add_row (GTK_GRID (grid), 1, C_("changes", "Waiting"));
  /* Translators: changes the server refused (a row heading). */
  self->refused_label = add_row (GTK_GRID (grid), 2, C_("changes", "Refused"));
  self->server_label = add_row (GTK_GRID (grid), 3, _("Server"));
  self->device_label = add_row (GTK_GRID (grid), 4, _("Name of this kiosk"));
  self->salon_label = add_row (GTK_GRID (grid), 5, _("Salon"));
  gtk_box_append (GTK_BOX (column), grid);

  gtk_box_append (GTK_BOX (column), kiosk_heading_new (_("Pairing")));
  self->unpair_button = kiosk_button_new_with_mnemonic (_("_Unpair this kiosk"));
  gtk_widget_set_halign (self->unpair_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->unpair_button, "destructive-action");
  gtk_widget_add_css_class (self->unpair_button, "pill");
  g_signal_connect_swapped (self->unpair_button, "clicked", G_CALLBACK (on_unpair_clicked), self);
  gtk_box_append (GTK_BOX (column), self->unpair_button);

  confirm_text = gtk_label_new (_("The server will stop accepting this kiosk, and the pairing screen will "
                                  "appear. Changes that have not reached the server yet are kept: pair "
                                  "again with the same salon to upload them."));
  gtk_label_set_wrap (GTK_LABEL (confirm_text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (confirm_text), 0);
  confirm_button = kiosk_button_new_with_mnemonic (_("_Yes, unpair"));
  gtk_widget_set_halign (confirm_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (confirm_button, "destructive-action");
  g_signal_connect_swapped (confirm_button, "clicked", G_CALLBACK (kiosk_settings_page_unpair), self);
  gtk_box_append (GTK_BOX (confirm_box), confirm_text);
  gtk_box_append (GTK_BOX (confirm_box), confirm_button);
  self->confirm_revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (self->confirm_revealer), confirm_box);
  gtk_box_append (GTK_BOX (column), self->confirm_revealer);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->message_label));

  self->leave_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (self->leave_box), kiosk_heading_new (_("Kiosk mode")));
  leave_text = gtk_label_new (_("This terminal runs locked down. Leaving closes Salonity Kiosk."));
  gtk_label_set_wrap (GTK_LABEL (leave_text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (leave_text), 0);
  gtk_box_append (GTK_BOX (self->leave_box), leave_text);
  leave_button = kiosk_button_new_with_mnemonic (_("_Leave kiosk mode"));
  gtk_widget_set_halign (leave_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (leave_button, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (leave_button), "win.leave-kiosk");
  gtk_box_append (GTK_BOX (self->leave_box), leave_button);
  gtk_widget_set_visible (self->leave_box, FALSE);
  gtk_box_append (GTK_BOX (column), self->leave_box);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * How the window sits on the screen: the size it is given again at the
 * next start (the window-* settings), and kiosk lockdown (--kiosk or the
 * kiosk-mode setting): full screen, no close button, idle, logout and
 * suspend inhibited; staff leave from the Settings page (win.leave-kiosk),
 * which closes the program.
 */
#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-settings-page.h"
#include "kiosk-window-private.h"

gboolean
_kiosk_window_settings_has_key (GSettings  *settings,
                                const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return FALSE;
  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

/* ---- the window's size ---------------------------------------------------- */

void
_kiosk_window_restore_size (KioskWindow *self)
{
  GSettings *settings = kiosk_context_get_settings (self->context);

  if (_kiosk_window_settings_has_key (settings, "window-width") && _kiosk_window_settings_has_key (settings, "window-height"))
    gtk_window_set_default_size (GTK_WINDOW (self),
                                 g_settings_get_int (settings, "window-width"),
                                 g_settings_get_int (settings, "window-height"));
  if (_kiosk_window_settings_has_key (settings, "window-maximized") && g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

void
_kiosk_window_save_size (KioskWindow *self)
{
  GtkWindow *window = GTK_WINDOW (self);
  GSettings *settings = kiosk_context_get_settings (self->context);
  gboolean maximized = gtk_window_is_maximized (window);

  /* A maximized or full-screen window keeps the size it had before. */
  if (!maximized && !gtk_window_is_fullscreen (window) &&
      _kiosk_window_settings_has_key (settings, "window-width") && _kiosk_window_settings_has_key (settings, "window-height"))
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      if (width >= 360 && height >= 360 && width <= 16384 && height <= 16384)
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
    }
  if (_kiosk_window_settings_has_key (settings, "window-maximized"))
    g_settings_set_boolean (settings, "window-maximized", maximized);
}

/* ---- kiosk lockdown ------------------------------------------------------- */

void
kiosk_window_set_kiosk_mode (KioskWindow *self,
                             gboolean     kiosk_mode)
{
  GtkApplication *application;
  GtkWidget *settings_page;

  g_return_if_fail (KIOSK_IS_WINDOW (self));

  kiosk_mode = !!kiosk_mode;
  if (self->kiosk_mode == kiosk_mode)
    return;
  self->kiosk_mode = kiosk_mode;
  application = gtk_window_get_application (GTK_WINDOW (self));

  gtk_window_set_deletable (GTK_WINDOW (self), !kiosk_mode);
  if (kiosk_mode)
    {
      gtk_window_fullscreen (GTK_WINDOW (self));
      /* The screen stays on and the session stays up while the kiosk runs. */
      if (application != NULL && self->inhibit_cookie == 0)
        self->inhibit_cookie = gtk_application_inhibit (application, GTK_WINDOW (self),
                                                        GTK_APPLICATION_INHIBIT_IDLE |
                                                        GTK_APPLICATION_INHIBIT_LOGOUT |
                                                        GTK_APPLICATION_INHIBIT_SUSPEND,
                                                        _("A front-desk kiosk is running"));
    }
  else
    {
      gtk_window_unfullscreen (GTK_WINDOW (self));
      if (application != NULL && self->inhibit_cookie != 0)
        gtk_application_uninhibit (application, self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
  settings_page = self->page_widgets[_kiosk_window_page_index ("settings")];
  if (settings_page != NULL)
    kiosk_settings_page_set_kiosk_mode (KIOSK_SETTINGS_PAGE (settings_page), kiosk_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-kiosk", kiosk_mode);
  _kiosk_window_notify (self, KIOSK_WINDOW_PROP_KIOSK_MODE);
}

gboolean
kiosk_window_get_kiosk_mode (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), FALSE);
  return self->kiosk_mode;
}

guint
kiosk_window_get_inhibit_cookie (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), 0);
  return self->inhibit_cookie;
}

static void
leave_kiosk_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  /* Only from the Settings page, so only in staff mode. */
  if (!self->kiosk_mode || !self->staff_mode)
    return;
  g_info ("Leaving kiosk mode");
  kiosk_window_set_kiosk_mode (self, FALSE);
  if (application != NULL)
    g_application_quit (G_APPLICATION (application));
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

void
_kiosk_window_lockdown_dispose (KioskWindow *self)
{
  if (self->inhibit_cookie != 0 && gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    gtk_application_uninhibit (gtk_window_get_application (GTK_WINDOW (self)), self->inhibit_cookie);
  self->inhibit_cookie = 0;
}

void
_kiosk_window_lockdown_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.leave-kiosk", NULL, leave_kiosk_action);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Customer mode (the default) and staff mode: the staff pages are behind
 * the staff PIN, asked for on a PIN pad over the window (never a separate
 * dialog); locking, or the idle time-out, goes back to customer mode with
 * every page cleared.
 */
#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-accessible.h"
#include "kiosk-page.h"
#include "kiosk-pairing.h"
#include "kiosk-pin-pad.h"
#include "kiosk-window-private.h"

/* ---- customer mode and staff mode --------------------------------------- */

void
_kiosk_window_update_mode_widgets (KioskWindow *self)
{
  gboolean pairing = kiosk_window_get_pairing (self);

  for (guint i = 0; i < KIOSK_WINDOW_N_PAGES; i++)
    if (_kiosk_window_pages[i].staff)
      {
        gtk_widget_set_visible (self->rows[i], self->staff_mode);
        /* A page not made yet gets the mode when it is made. */
        if (self->page_widgets[i] != NULL)
          gtk_stack_page_set_visible (gtk_stack_get_page (self->stack, self->page_widgets[i]), self->staff_mode);
      }
  for (guint i = 0; i < KIOSK_WINDOW_N_PAGES; i++)
    if (self->page_widgets[i] != NULL)
      kiosk_page_set_staff_mode (KIOSK_PAGE (self->page_widgets[i]), self->staff_mode);
  gtk_widget_set_visible (self->staff_button, !self->staff_mode && !pairing);
  gtk_widget_set_visible (self->lock_button, self->staff_mode && !pairing);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_status), self->staff_mode);
  _kiosk_window_update_desk_status (self);
}

/* Forget everything the last person typed or was shown. */
static void
clear_pages (KioskWindow *self)
{
  for (guint i = 0; i < KIOSK_WINDOW_N_PAGES; i++)
    if (self->page_widgets[i] != NULL)
      kiosk_page_clear (KIOSK_PAGE (self->page_widgets[i]));
}

static void enter_staff_mode     (KioskWindow *self);
static void on_pin_pad_cancelled (KioskWindow *self);

/* The PIN pad lies over the window (never a separate dialog). It is made
 * the first time it is wanted: start-up does not build what it hides. */
static GtkWidget *
ensure_pin_pad (KioskWindow *self)
{
  if (self->pin_pad != NULL)
    return self->pin_pad;

  self->pin_pad = g_object_new (KIOSK_TYPE_PIN_PAD, "visible", FALSE, NULL);
  gtk_widget_add_css_class (self->pin_pad, "pin-pad-scrim");
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->pin_pad);
  g_signal_connect_object (self->pin_pad, "unlocked", G_CALLBACK (enter_staff_mode), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pin_pad, "cancelled", G_CALLBACK (on_pin_pad_cancelled), self, G_CONNECT_SWAPPED);
  /* As the window's own widgets were when it was made. */
  kiosk_accessible_tidy (self->pin_pad);
  return self->pin_pad;
}

static void
hide_pin_pad (KioskWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (self->pin_pad == NULL)
    return;

  /* Focus leaves first: a text field hidden while focused keeps its
   * cursor blinking (and GTK warns). */
  if (focus != NULL && gtk_widget_is_ancestor (focus, self->pin_pad))
    gtk_root_set_focus (GTK_ROOT (self), NULL);
  kiosk_pin_pad_reset (KIOSK_PIN_PAD (self->pin_pad));
  gtk_widget_set_visible (self->pin_pad, FALSE);
}

void
kiosk_window_lock (KioskWindow *self)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  hide_pin_pad (self);
  g_clear_pointer (&self->wanted_page, g_free);
  clear_pages (self);
  gtk_stack_set_visible_child_name (self->stack, _kiosk_window_pages[0].name);
  if (self->staff_mode)
    {
      self->staff_mode = FALSE;
      _kiosk_window_notify (self, KIOSK_WINDOW_PROP_STAFF_MODE);
    }
  _kiosk_window_update_mode_widgets (self);
}

gboolean
kiosk_window_get_staff_mode (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), FALSE);
  return self->staff_mode;
}

static void
enter_staff_mode (KioskWindow *self)
{
  g_autofree char *wanted = g_steal_pointer (&self->wanted_page);

  hide_pin_pad (self);
  self->staff_mode = TRUE;
  self->last_activity = g_get_monotonic_time ();
  _kiosk_window_update_mode_widgets (self);
  _kiosk_window_notify (self, KIOSK_WINDOW_PROP_STAFF_MODE);
  kiosk_window_show_page (self, wanted != NULL ? wanted : "calendar");
}

static KioskStaffLock *
ensure_staff_lock (KioskWindow *self)
{
  g_autofree char *salon = kiosk_pairing_dup_salon (self->context);

  if (salon == NULL || *salon == '\0')
    return NULL;
  /* The PIN belongs to the salon the kiosk is paired with. */
  if (self->staff_lock == NULL || g_strcmp0 (salon, self->staff_lock_key) != 0)
    {
      g_clear_object (&self->staff_lock);
      g_free (self->staff_lock_key);
      self->staff_lock_key = g_strdup (salon);
      self->staff_lock = kiosk_staff_lock_new_for_context (self->context, salon);
    }
  return self->staff_lock;
}

void
kiosk_window_request_staff_mode (KioskWindow *self)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  if (self->staff_mode)
    return;
  /* The demo salon is made up: nothing to protect, no PIN to know. */
  if (kiosk_context_get_demo (self->context))
    {
      enter_staff_mode (self);
      return;
    }
  {
    g_autoptr(GDateTime) now = kiosk_context_dup_now (self->context);

    ensure_pin_pad (self);
    kiosk_pin_pad_set_time_zone (KIOSK_PIN_PAD (self->pin_pad), g_date_time_get_timezone (now));
  }
  kiosk_pin_pad_set_lock (KIOSK_PIN_PAD (self->pin_pad), ensure_staff_lock (self));
  kiosk_pin_pad_reset (KIOSK_PIN_PAD (self->pin_pad));
  gtk_widget_set_visible (self->pin_pad, TRUE);
  gtk_widget_grab_focus (self->pin_pad);
}

GtkWidget *
kiosk_window_get_pin_pad (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);
  return ensure_pin_pad (self);
}

static void
on_pin_pad_cancelled (KioskWindow *self)
{
  g_clear_pointer (&self->wanted_page, g_free);
  hide_pin_pad (self);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  kiosk_window_lock (KIOSK_WINDOW (widget));
}

static void
staff_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  kiosk_window_request_staff_mode (KIOSK_WINDOW (widget));
}

/* ---- idle time-out ------------------------------------------------------ */

static void schedule_idle (KioskWindow *self, guint delay_ms);

static gboolean
on_idle_timeout (gpointer user_data)
{
  KioskWindow *self = user_data;
  gint64 idle_ms = (g_get_monotonic_time () - self->last_activity) / 1000;

  self->idle_source = 0;
  if (idle_ms + 5 < (gint64) self->idle_timeout_ms)
    {
      /* Someone touched the screen since: wait the rest. */
      schedule_idle (self, (guint) (self->idle_timeout_ms - idle_ms));
      return G_SOURCE_REMOVE;
    }

  /* The pairing screen keeps what the installer typed. */
  if (!kiosk_window_get_pairing (self))
    {
      g_debug ("Idle for %u ms: back to customer mode", self->idle_timeout_ms);
      kiosk_window_lock (self);
    }
  self->last_activity = g_get_monotonic_time ();
  schedule_idle (self, self->idle_timeout_ms);
  return G_SOURCE_REMOVE;
}

static void
schedule_idle (KioskWindow *self,
               guint        delay_ms)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->idle_timeout_ms > 0)
    self->idle_source = g_timeout_add_full (G_PRIORITY_LOW, MAX (delay_ms, 1), on_idle_timeout, self, NULL);
}

static void
note_activity (KioskWindow *self)
{
  /* Cheap on every motion event: only a time stamp; the one timer looks at
   * it when it fires. */
  self->last_activity = g_get_monotonic_time ();
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KioskWindow           *self)
{
  note_activity (self);
  return GDK_EVENT_PROPAGATE;
}

void
kiosk_window_set_idle_timeout (KioskWindow *self,
                               guint        timeout_ms)
{
  g_return_if_fail (KIOSK_IS_WINDOW (self));

  self->idle_timeout_set = TRUE;
  self->idle_timeout_ms = timeout_ms;
  self->last_activity = g_get_monotonic_time ();
  schedule_idle (self, timeout_ms);
}

static void
on_idle_setting_changed (KioskWindow *self)
{
  GSettings *settings = kiosk_context_get_settings (self->context);

  if (self->idle_timeout_set)
    return;
  self->idle_timeout_ms = _kiosk_window_settings_has_key (settings, "idle-timeout")
                          ? g_settings_get_uint (settings, "idle-timeout") * 1000
                          : 60 * 1000;
  self->last_activity = g_get_monotonic_time ();
  schedule_idle (self, self->idle_timeout_ms);
}

static void
add_activity_controllers (KioskWindow *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  /* Capture phase: seen before any widget can stop the event. */
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (note_activity), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  /* Touch too: a click gesture takes touch presses unless told otherwise. */
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (click), FALSE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (note_activity), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

/* Starts the idle time-out: the idle-timeout setting (and its changes), or
 * KIOSK_IDLE_TIMEOUT_MS. */
void
_kiosk_window_watch_idle (KioskWindow *self)
{
  const char *idle_ms;
  guint64 ms;

  if (kiosk_context_get_settings (self->context) != NULL)
    g_signal_connect_object (kiosk_context_get_settings (self->context), "changed::idle-timeout",
                             G_CALLBACK (on_idle_setting_changed), self, G_CONNECT_SWAPPED);
  on_idle_setting_changed (self);

  /* For tests that drive the program from another process, where the
   * memory GSettings backend cannot be preset and 15 s is the least the
   * schema allows (HACKING.md). Read once. */
  idle_ms = g_getenv ("KIOSK_IDLE_TIMEOUT_MS");
  if (idle_ms != NULL && g_ascii_string_to_unsigned (idle_ms, 10, 1, G_MAXUINT, &ms, NULL))
    kiosk_window_set_idle_timeout (self, (guint) ms);
  else if (idle_ms != NULL)
    g_warning ("KIOSK_IDLE_TIMEOUT_MS=%s is not a number of milliseconds; using the idle-timeout setting", idle_ms);
}

/* ---- building ----------------------------------------------------------- */

/* The header's "staff sign-in" and "lock" buttons; the PIN pad comes when
 * it is first wanted. Both buttons are made hidden, and the mode shows one
 * (_kiosk_window_update_mode_widgets()): GTK 4.8 asks the X server where
 * the pointer is (three round trips) whenever the tooltip of a visible
 * widget is set, which start-up need not wait for. */
void
_kiosk_window_build_staff (KioskWindow *self,
                           GtkWidget   *header)
{
  self->staff_button = g_object_new (GTK_TYPE_BUTTON,
                                     "icon-name", "dialog-password-symbolic",
                                     "visible", FALSE,
                                     NULL);
  gtk_widget_set_tooltip_text (self->staff_button, _("Open the staff pages with the staff PIN"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->staff_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Staff sign-in"), -1);
  gtk_widget_set_name (self->staff_button, "staff-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->staff_button), "win.staff");
  self->lock_button = kiosk_button_new_with_mnemonic (_("_Lock"));
  gtk_widget_set_visible (self->lock_button, FALSE);
  gtk_widget_set_tooltip_text (self->lock_button, _("Back to customer mode"));
  gtk_widget_set_name (self->lock_button, "lock-button");
  gtk_widget_add_css_class (self->lock_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->lock_button), "win.lock");
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), self->staff_button);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), self->lock_button);

  add_activity_controllers (self);
}

void
_kiosk_window_staff_dispose (KioskWindow *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_object (&self->staff_lock);
}

void
_kiosk_window_staff_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.staff", NULL, staff_action);
}

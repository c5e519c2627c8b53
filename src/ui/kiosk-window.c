/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-accessible.h"
#include "kiosk-context-reads.h"
#include "kiosk-desk-refused.h"
#include "kiosk-format.h"
#include "kiosk-calendar-page.h"
#include "kiosk-checkin-page.h"
#include "kiosk-loyalty-page.h"
#include "kiosk-pairing-page.h"
#include "kiosk-pin-pad.h"
#include "kiosk-settings-page.h"
#include "kiosk-staff-lock.h"
#include "kiosk-staff-page.h"
#include "kiosk-queue-page.h"
#include "kiosk-refused-page.h"
#include "kiosk-walkin-page.h"
#include "kiosk-welcome-page.h"
#include "kiosk-sync-status.h"
#include "kiosk-window.h"
#include "kiosk-pairing.h"

typedef struct
{
  const char *name;
  const char *icon_name;
  const char *title;          /* N_() */
  GType     (*get_type) (void);
  gboolean    staff;          /* behind the staff PIN */
} PageInfo;

/* The rail shows the pages in this order; names are the window's API. */
static const PageInfo pages[] = {
  { "welcome",  "go-home-symbolic",           N_("Welcome"),  kiosk_welcome_page_get_type,  FALSE },
  { "walkins",  "system-users-symbolic",      N_("Walk-ins"), kiosk_walkin_page_get_type,   FALSE },
  { "checkin",  "object-select-symbolic",     N_("Check-in"), kiosk_checkin_page_get_type,  FALSE },
  { "loyalty",  "starred-symbolic",           N_("Loyalty"),  kiosk_loyalty_page_get_type,  FALSE },
  { "queue",    "view-list-symbolic",         N_("Queue"),    kiosk_queue_page_get_type,    TRUE },
  { "calendar", "x-office-calendar-symbolic", N_("Calendar"), kiosk_calendar_page_get_type, TRUE },
  { "refused",  "dialog-warning-symbolic",    N_("Needs attention"), kiosk_refused_page_get_type, TRUE },
  { "staff",    "avatar-default-symbolic",    N_("Team"),     kiosk_staff_page_get_type,    TRUE },
  { "settings", "emblem-system-symbolic",     N_("Settings"), kiosk_settings_page_get_type, TRUE },
};
#define N_PAGES G_N_ELEMENTS (pages)

struct _KioskWindow
{
  GtkApplicationWindow  parent_instance;

  KioskContext         *context;
  guint                 clock_source;
  char                 *today;

  GtkLabel             *title_label;
  GtkLabel             *clock_label;
  KioskSyncStatus      *sync_status;
  GtkWidget            *demo_badge;
  GtkRevealer          *notice_revealer;
  GtkLabel             *notice_label;
  GtkRevealer          *offline_revealer;
  GtkWidget            *offline_banner;
  GtkLabel             *offline_label;
  GtkWidget            *attention_label;   /* the count on the "refused" rail row */
  GtkListBox           *rail;
  GtkStack             *stack;

  GtkWidget            *rows[N_PAGES];
  GtkWidget            *page_widgets[N_PAGES];

  /* Customer mode (the default) and staff mode, behind the PIN pad. */
  GtkWidget            *mode_stack;      /* "main" or "pairing" */
  GtkWidget            *overlay;
  GtkWidget            *pin_pad;
  GtkWidget            *pairing_page;
  GtkWidget            *staff_button;
  GtkWidget            *lock_button;
  KioskStaffLock       *staff_lock;
  char                 *staff_lock_key;
  gboolean              staff_mode;
  char                 *wanted_page;     /* the staff page asked for before the PIN */

  /* Idle: back to customer mode, every screen cleared. */
  guint                 idle_timeout_ms;
  gboolean              idle_timeout_set;   /* by a test: GSettings no longer counts */
  gint64                last_activity;
  guint                 idle_source;

  /* Kiosk lockdown */
  gboolean              kiosk_mode;
  guint                 inhibit_cookie;

};

G_DEFINE_FINAL_TYPE (KioskWindow, kiosk_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PAGE,
  PROP_STAFF_MODE,
  PROP_KIOSK_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_clock (KioskWindow *self);

KioskWindow *
kiosk_window_new (GtkApplication *application,
                  KioskContext   *context)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  return g_object_new (KIOSK_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

static int
page_index (const char *name)
{
  for (guint i = 0; i < N_PAGES; i++)
    if (g_strcmp0 (pages[i].name, name) == 0)
      return (int)i;
  return -1;
}

void
kiosk_window_show_page (KioskWindow *self,
                        const char  *name)
{
  int index;

  g_return_if_fail (KIOSK_IS_WINDOW (self));

  index = page_index (name);
  if (index < 0)
    {
      g_warning ("No page called “%s”", name != NULL ? name : "(null)");
      return;
    }

  if (pages[index].staff && !self->staff_mode)
    {
      /* Asked for by a key or an action: the PIN first, then the page. */
      g_free (self->wanted_page);
      self->wanted_page = g_strdup (name);
      kiosk_window_request_staff_mode (self);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, name);
}

const char *
kiosk_window_get_page (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

static void
on_visible_child_changed (KioskWindow *self)
{
  int index = page_index (gtk_stack_get_visible_child_name (self->stack));

  if (index < 0)
    return;

  /* Keep the rail (and what a screen reader hears) in step with the stack,
   * whichever way the page was changed: a tap, a key, an action. */
  if (GTK_WIDGET (gtk_list_box_get_selected_row (self->rail)) != self->rows[index])
    gtk_list_box_select_row (self->rail, GTK_LIST_BOX_ROW (self->rows[index]));

  for (guint i = 0; i < N_PAGES; i++)
    gtk_accessible_update_state (GTK_ACCESSIBLE (self->rows[i]),
                                 GTK_ACCESSIBLE_STATE_SELECTED, (int)i == index,
                                 -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
on_row_selected (KioskWindow   *self,
                 GtkListBoxRow *row)
{
  for (guint i = 0; row != NULL && i < N_PAGES; i++)
    if (self->rows[i] == GTK_WIDGET (row))
      kiosk_window_show_page (self, pages[i].name);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  kiosk_window_show_page (KIOSK_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* "Show in the queue" from elsewhere (the calendar's walk-in): the Queue
 * page, with the focus on that walk-in's row. */
static void
show_walkin_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  kiosk_window_show_page (self, "queue");
  if (*g_variant_get_string (parameter, NULL) != '\0')
    kiosk_queue_page_show_walkin (KIOSK_QUEUE_PAGE (self->page_widgets[page_index ("queue")]),
                                g_variant_get_string (parameter, NULL));
}

static void
dismiss_notice_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (KIOSK_WINDOW (widget)->notice_revealer, FALSE);
}

static GtkWidget *
make_rail_row (KioskWindow    *self,
               const PageInfo *info)
{
  const char *title = _(info->title);
  GtkWidget *row = g_object_new (GTK_TYPE_LIST_BOX_ROW,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_TAB,
                                 NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", info->icon_name,
                                  "pixel-size", 24,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (row, "rail-entry");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 10);
  if (g_strcmp0 (info->name, "refused") == 0)
    {
      /* How many changes the server refused, on the icon's corner; the
       * row's description says it in words. */
      GtkWidget *overlay = gtk_overlay_new ();

      self->attention_label = g_object_new (GTK_TYPE_LABEL,
                                            "name", "attention-count",
                                            "halign", GTK_ALIGN_END,
                                            "valign", GTK_ALIGN_START,
                                            "visible", FALSE,
                                            "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                            NULL);
      gtk_widget_add_css_class (self->attention_label, "rail-count");
      gtk_widget_add_css_class (self->attention_label, "numeric");
      gtk_widget_set_halign (icon, GTK_ALIGN_CENTER);
      gtk_overlay_set_child (GTK_OVERLAY (overlay), icon);
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->attention_label);
      gtk_widget_set_halign (overlay, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), overlay);
    }
  else
    gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, title);

  /* The same string as the visible label, so both always agree. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_SELECTED, FALSE,
                               -1);

  return row;
}

static void
build_pages (KioskWindow *self)
{
  for (guint i = 0; i < N_PAGES; i++)
    {
      const PageInfo *info = &pages[i];
      const char *title = _(info->title);
      GtkWidget *page = g_object_new (info->get_type (),
                                      "context", self->context,
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_TAB_PANEL,
                                      NULL);
      GtkWidget *row = make_rail_row (self, info);

      gtk_accessible_update_property (GTK_ACCESSIBLE (page),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_RELATION_CONTROLS, page, NULL,
                                      -1);

      gtk_stack_add_titled (self->stack, page, info->name, title);
      g_object_set (gtk_stack_get_page (self->stack, page), "icon-name", info->icon_name, NULL);
      gtk_list_box_append (self->rail, row);

      self->rows[i] = row;
      self->page_widgets[i] = page;
    }
}

static void
update_salon_name (KioskWindow *self)
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
  update_clock (self);

  return G_SOURCE_REMOVE;
}

static void
update_clock (KioskWindow *self)
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

static void
load_style (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  /* GtkApplication loads menus and icons from the resource base path, but
   * not CSS (that is libadwaita's): add ours once per display. */
  if (g_object_get_data (G_OBJECT (display), "kiosk-style") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/com/salonity/Kiosk/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "kiosk-style", g_steal_pointer (&provider), g_object_unref);
}

static gboolean
settings_has_key (GSettings  *settings,
                  const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return FALSE;
  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

static void
restore_size (KioskWindow *self)
{
  GSettings *settings = kiosk_context_get_settings (self->context);

  if (settings_has_key (settings, "window-width") && settings_has_key (settings, "window-height"))
    gtk_window_set_default_size (GTK_WINDOW (self),
                                 g_settings_get_int (settings, "window-width"),
                                 g_settings_get_int (settings, "window-height"));
  if (settings_has_key (settings, "window-maximized") && g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
kiosk_window_close_request (GtkWindow *window)
{
  KioskWindow *self = KIOSK_WINDOW (window);
  GSettings *settings = kiosk_context_get_settings (self->context);
  gboolean maximized = gtk_window_is_maximized (window);

  /* Locked down: only staff leave, from the Settings page. */
  if (self->kiosk_mode)
    {
      g_debug ("Close refused in kiosk mode");
      return TRUE;
    }

  /* A maximized or full-screen window keeps the size it had before. */
  if (!maximized && !gtk_window_is_fullscreen (window) &&
      settings_has_key (settings, "window-width") && settings_has_key (settings, "window-height"))
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      if (width >= 360 && height >= 360 && width <= 16384 && height <= 16384)
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
    }
  if (settings_has_key (settings, "window-maximized"))
    g_settings_set_boolean (settings, "window-maximized", maximized);

  return GTK_WINDOW_CLASS (kiosk_window_parent_class)->close_request (window);
}

static void
update_sync_status (KioskWindow *self)
{
  g_autoptr(GDateTime) now = kiosk_context_dup_now (self->context);

  kiosk_sync_status_set_time_zone (self->sync_status, g_date_time_get_timezone (now));
  kiosk_sync_status_set_monitor (self->sync_status, kiosk_context_get_sync_monitor (self->context));
}

/* ---- the offline banner and the count of refused changes ---------------- */

/* The banner above the pages, the count on the "Needs attention" row and
 * the header bar's indicator all say the same numbers, read from the
 * replica whenever it or the engine's state changes. They are staff's
 * business: in customer mode neither the banner nor the indicator shows. */
static void
update_desk_status (KioskWindow *self)
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
      guint refused = have_counts ? (guint) CLAMP (refused_count, 0, G_MAXUINT) : 0;
      GtkWidget *row = self->rows[page_index ("refused")];
      g_autofree char *count = g_strdup_printf ("%u", refused);
      g_autofree char *description = g_strdup_printf (ngettext ("%u change refused", "%u changes refused", refused),
                                                      refused);

      gtk_label_set_text (GTK_LABEL (self->attention_label), count);
      gtk_widget_set_visible (self->attention_label, refused > 0);
      gtk_widget_set_tooltip_text (row, refused > 0 ? description : _(pages[page_index ("refused")].title));
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

/* ---- customer mode and staff mode --------------------------------------- */

static void
update_mode_widgets (KioskWindow *self)
{
  gboolean pairing = g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->mode_stack)), "pairing") == 0;

  for (guint i = 0; i < N_PAGES; i++)
    if (pages[i].staff)
      {
        gtk_widget_set_visible (self->rows[i], self->staff_mode);
        gtk_stack_page_set_visible (gtk_stack_get_page (self->stack, self->page_widgets[i]), self->staff_mode);
      }
  for (guint i = 0; i < N_PAGES; i++)
    if (self->page_widgets[i] != NULL)
      kiosk_page_set_staff_mode (KIOSK_PAGE (self->page_widgets[i]), self->staff_mode);
  gtk_widget_set_visible (self->staff_button, !self->staff_mode && !pairing);
  gtk_widget_set_visible (self->lock_button, self->staff_mode && !pairing);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_status), self->staff_mode);
  update_desk_status (self);
}

/* Forget everything the last person typed or was shown. */
static void
clear_pages (KioskWindow *self)
{
  for (guint i = 0; i < N_PAGES; i++)
    if (self->page_widgets[i] != NULL)
      kiosk_page_clear (KIOSK_PAGE (self->page_widgets[i]));
}

static void
hide_pin_pad (KioskWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

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
  gtk_stack_set_visible_child_name (self->stack, pages[0].name);
  if (self->staff_mode)
    {
      self->staff_mode = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_MODE]);
    }
  update_mode_widgets (self);
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
  update_mode_widgets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_MODE]);
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
  return self->pin_pad;
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
  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->mode_stack)), "pairing") != 0)
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
  self->idle_timeout_ms = settings_has_key (settings, "idle-timeout")
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

/* ---- kiosk lockdown ----------------------------------------------------- */

void
kiosk_window_set_kiosk_mode (KioskWindow *self,
                             gboolean     kiosk_mode)
{
  GtkApplication *application;

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
  kiosk_settings_page_set_kiosk_mode (KIOSK_SETTINGS_PAGE (self->page_widgets[page_index ("settings")]), kiosk_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-kiosk", kiosk_mode);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIOSK_MODE]);
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

/* ---- pairing ------------------------------------------------------------ */

static gboolean
is_enrolled (KioskWindow *self)
{
  g_autofree char *server = kiosk_pairing_dup_server_url (self->context);
  g_autofree char *device = kiosk_pairing_dup_device (self->context);

  return server != NULL && *server != '\0' && device != NULL && *device != '\0';
}

gboolean
kiosk_window_get_pairing (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->mode_stack)), "pairing") == 0;
}

/* The pairing screen is made the first time it is needed: a paired kiosk
 * (nearly always) does not pay for it at start-up. */
static GtkWidget *
ensure_pairing_page (KioskWindow *self)
{
  if (self->pairing_page == NULL)
    {
      self->pairing_page = g_object_new (KIOSK_TYPE_PAIRING_PAGE, "context", self->context, NULL);
      gtk_stack_add_named (GTK_STACK (self->mode_stack), self->pairing_page, "pairing");
    }
  return self->pairing_page;
}

GtkWidget *
kiosk_window_get_pairing_page (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);
  return ensure_pairing_page (self);
}

/* When the server refused this device, as the replica recorded it (also
 * from before a restart, with no network yet), in words; NULL if it did not. */
static char *
dup_revoked_since (KioskWindow *self)
{
  g_autofree char *stamp = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (!kiosk_pairing_get_revoked (self->context, &stamp, NULL))
    return NULL;
  utc = g_date_time_new_from_iso8601 (stamp, NULL);
  if (utc == NULL)
    return g_strdup ("");
  /* In the salon's time, as the header's clock. */
  now = kiosk_context_dup_now (self->context);
  local = g_date_time_to_timezone (utc, g_date_time_get_timezone (now));
  date = kiosk_format_long_date (local);
  time = g_date_time_format (local, "%H:%M");
  /* Translators: a date ("Wednesday, 18 March 2026") and a time ("09:12"). */
  return g_strdup_printf (_("The server withdrew its access on %s at %s."), date, time);
}

static void
update_pairing (KioskWindow *self)
{
  KioskSyncMonitor *monitor = kiosk_context_get_sync_monitor (self->context);
  g_autofree char *revoked_since = dup_revoked_since (self);
  gboolean revoked = revoked_since != NULL ||
                     (kiosk_sync_monitor_get_active (monitor) &&
                      kiosk_sync_monitor_get_state (monitor) == KIOSK_SYNC_STATE_UNENROLLED);
  gboolean pairing = !kiosk_context_get_demo (self->context) && (!is_enrolled (self) || revoked);
  gboolean was_pairing = kiosk_window_get_pairing (self);

  if (pairing == was_pairing)
    return;

  if (pairing)
    {
      guint unsent = kiosk_pairing_count_unsent_changes (self->context);

      kiosk_window_lock (self);
      if (revoked || unsent > 0)
        {
          g_autofree char *reason =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "This kiosk is no longer paired with the salon's server (it was unpaired "
                                          "or its access was withdrawn). %u change made here is kept and will be "
                                          "uploaded when the kiosk pairs again with the same salon.",
                                          "This kiosk is no longer paired with the salon's server (it was unpaired "
                                          "or its access was withdrawn). %u changes made here are kept and will be "
                                          "uploaded when the kiosk pairs again with the same salon.",
                                          unsent),
                             unsent);

          if (revoked_since != NULL && *revoked_since != '\0')
            {
              char *both = g_strconcat (reason, " ", revoked_since, NULL);

              g_free (reason);
              reason = both;
            }
          kiosk_pairing_page_set_reason (KIOSK_PAIRING_PAGE (ensure_pairing_page (self)), reason);
          gtk_label_set_text (self->notice_label, reason);
          gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
        }
      kiosk_page_reload (KIOSK_PAGE (ensure_pairing_page (self)));
      gtk_stack_set_visible_child_name (GTK_STACK (self->mode_stack), "pairing");
    }
  else
    {
      if (self->pairing_page != NULL)
        {
          kiosk_pairing_page_set_reason (KIOSK_PAIRING_PAGE (self->pairing_page), NULL);
          kiosk_page_clear (KIOSK_PAGE (self->pairing_page));
        }
      gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
      gtk_stack_set_visible_child_name (GTK_STACK (self->mode_stack), "main");
      kiosk_window_lock (self);
    }
  update_mode_widgets (self);
}

static void
on_sync_changed (KioskWindow *self)
{
  update_pairing (self);
  update_desk_status (self);
}

static void
build_modes (KioskWindow *self)
{
  GtkWidget *content = gtk_window_get_child (GTK_WINDOW (self));
  GtkWidget *header = gtk_window_get_titlebar (GTK_WINDOW (self));

  /* The template's content becomes the "main" mode; the pairing screen is
   * the other; the PIN pad lies over both (never a separate dialog). */
  g_object_ref (content);
  gtk_window_set_child (GTK_WINDOW (self), NULL);

  self->mode_stack = gtk_stack_new ();
  /* Measure only the mode on screen, as the page stack does. */
  gtk_stack_set_hhomogeneous (GTK_STACK (self->mode_stack), FALSE);
  gtk_stack_set_vhomogeneous (GTK_STACK (self->mode_stack), FALSE);
  gtk_stack_add_named (GTK_STACK (self->mode_stack), content, "main");
  g_object_unref (content);

  self->overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), self->mode_stack);
  self->pin_pad = kiosk_pin_pad_new ();
  gtk_widget_add_css_class (self->pin_pad, "pin-pad-scrim");
  gtk_widget_set_visible (self->pin_pad, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->pin_pad);
  g_signal_connect_object (self->pin_pad, "unlocked", G_CALLBACK (enter_staff_mode), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pin_pad, "cancelled", G_CALLBACK (on_pin_pad_cancelled), self, G_CONNECT_SWAPPED);
  gtk_window_set_child (GTK_WINDOW (self), self->overlay);

  self->staff_button = gtk_button_new_from_icon_name ("dialog-password-symbolic");
  gtk_widget_set_tooltip_text (self->staff_button, _("Open the staff pages with the staff PIN"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->staff_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Staff sign-in"), -1);
  gtk_widget_set_name (self->staff_button, "staff-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->staff_button), "win.staff");
  self->lock_button = kiosk_button_new_with_mnemonic (_("_Lock"));
  gtk_widget_set_tooltip_text (self->lock_button, _("Back to customer mode"));
  gtk_widget_set_name (self->lock_button, "lock-button");
  gtk_widget_add_css_class (self->lock_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->lock_button), "win.lock");
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), self->staff_button);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), self->lock_button);
}

static void
kiosk_window_constructed (GObject *object)
{
  KioskWindow *self = KIOSK_WINDOW (object);
  const char *notice;
  const char *idle_ms;
  guint64 ms;

  G_OBJECT_CLASS (kiosk_window_parent_class)->constructed (object);

  g_return_if_fail (self->context != NULL);

  load_style (GTK_WIDGET (self));
  build_pages (self);
  build_modes (self);
  /* Only the visible page in the tree (no staff page in customer mode). */
  kiosk_accessible_tidy (GTK_WIDGET (self));
  add_activity_controllers (self);
  update_salon_name (self);
  update_clock (self);
  restore_size (self);

  gtk_widget_set_visible (self->demo_badge, kiosk_context_get_demo (self->context));
  update_sync_status (self);

  notice = kiosk_context_get_notice (self->context);
  if (notice != NULL)
    {
      gtk_label_set_text (self->notice_label, notice);
      gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
    }

  g_signal_connect_object (self->context, "replica-changed",
                           G_CALLBACK (update_salon_name), self, G_CONNECT_SWAPPED);
  /* The salon's time zone can arrive with the first sync. */
  g_signal_connect_object (self->context, "replica-changed",
                           G_CALLBACK (update_sync_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "replica-changed",
                           G_CALLBACK (update_desk_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (on_visible_child_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rail, "row-selected",
                           G_CALLBACK (on_row_selected), self, G_CONNECT_SWAPPED);

  /* Also when the engine comes or goes (pairing, unpairing). */
  g_signal_connect_object (kiosk_context_get_sync_monitor (self->context), "changed",
                           G_CALLBACK (on_sync_changed), self, G_CONNECT_SWAPPED);
  if (kiosk_context_get_settings (self->context) != NULL)
    g_signal_connect_object (kiosk_context_get_settings (self->context), "changed::idle-timeout",
                             G_CALLBACK (on_idle_setting_changed), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->stack, pages[0].name);
  on_visible_child_changed (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-kiosk", FALSE);
  update_mode_widgets (self);
  update_pairing (self);
  update_desk_status (self);
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

static void
kiosk_window_dispose (GObject *object)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->inhibit_cookie != 0 && gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    gtk_application_uninhibit (gtk_window_get_application (GTK_WINDOW (self)), self->inhibit_cookie);
  self->inhibit_cookie = 0;
  g_clear_object (&self->staff_lock);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_WINDOW);
  memset (self->rows, 0, sizeof self->rows);
  memset (self->page_widgets, 0, sizeof self->page_widgets);
  self->attention_label = NULL;

  G_OBJECT_CLASS (kiosk_window_parent_class)->dispose (object);
}

static void
kiosk_window_finalize (GObject *object)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->today, g_free);
  g_clear_pointer (&self->staff_lock_key, g_free);
  g_clear_pointer (&self->wanted_page, g_free);

  G_OBJECT_CLASS (kiosk_window_parent_class)->finalize (object);
}

static void
kiosk_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_PAGE:
      g_value_set_string (value, kiosk_window_get_page (self));
      break;
    case PROP_STAFF_MODE:
      g_value_set_boolean (value, self->staff_mode);
      break;
    case PROP_KIOSK_MODE:
      g_value_set_boolean (value, self->kiosk_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_PAGE:
      kiosk_window_show_page (self, g_value_get_string (value));
      break;
    case PROP_KIOSK_MODE:
      kiosk_window_set_kiosk_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_window_class_init (KioskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kiosk_window_constructed;
  object_class->dispose = kiosk_window_dispose;
  object_class->finalize = kiosk_window_finalize;
  object_class->get_property = kiosk_window_get_property;
  object_class->set_property = kiosk_window_set_property;
  window_class->close_request = kiosk_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KIOSK_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The name of the visible page, "welcome" … "staff". */
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Customer mode (FALSE) or staff mode, unlocked with the staff PIN. */
  properties[PROP_STAFF_MODE] =
    g_param_spec_boolean ("staff-mode", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Locked down: full screen, no close, idle/logout/suspend inhibited. */
  properties[PROP_KIOSK_MODE] =
    g_param_spec_boolean ("kiosk-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, clock_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, sync_status);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, demo_badge);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, notice_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, offline_banner);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, rail);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, stack);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-walkin", "s", show_walkin_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-notice", NULL, dismiss_notice_action);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.staff", NULL, staff_action);
  gtk_widget_class_install_action (widget_class, "win.leave-kiosk", NULL, leave_kiosk_action);

  /* Alt+1 … Alt+9 go straight to a page, in rail order (staff pages ask
   * for the PIN first). */
  for (guint i = 0; i < N_PAGES; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", pages[i].name);
}

static void
kiosk_window_init (KioskWindow *self)
{
  g_type_ensure (KIOSK_TYPE_SYNC_STATUS);
  gtk_widget_init_template (GTK_WIDGET (self));
}

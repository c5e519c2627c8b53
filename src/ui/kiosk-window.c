/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The window: its construction, the pages and the rail that shows them,
 * navigation. What it says above the pages, staff mode, the window's size
 * and lockdown, and pairing have files of their own
 * (kiosk-window-private.h says which).
 */
#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-accessible.h"
#include "kiosk-calendar-page.h"
#include "kiosk-checkin-page.h"
#include "kiosk-loyalty-page.h"
#include "kiosk-queue-page.h"
#include "kiosk-refused-page.h"
#include "kiosk-settings-page.h"
#include "kiosk-staff-page.h"
#include "kiosk-walkin-page.h"
#include "kiosk-welcome-page.h"
#include "kiosk-window-private.h"

/* The rail shows the pages in this order; names are the window's API. */
const KioskWindowPageInfo _kiosk_window_pages[KIOSK_WINDOW_N_PAGES] = {
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

G_DEFINE_FINAL_TYPE (KioskWindow, kiosk_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT = KIOSK_WINDOW_PROP_CONTEXT,
  PROP_PAGE = KIOSK_WINDOW_PROP_PAGE,
  PROP_STAFF_MODE = KIOSK_WINDOW_PROP_STAFF_MODE,
  PROP_KIOSK_MODE = KIOSK_WINDOW_PROP_KIOSK_MODE,
  N_PROPS = KIOSK_WINDOW_N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_kiosk_window_notify (KioskWindow *self,
                      guint        prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

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

int
_kiosk_window_page_index (const char *name)
{
  for (guint i = 0; i < KIOSK_WINDOW_N_PAGES; i++)
    if (g_strcmp0 (_kiosk_window_pages[i].name, name) == 0)
      return (int)i;
  return -1;
}

void
kiosk_window_show_page (KioskWindow *self,
                        const char  *name)
{
  int index;

  g_return_if_fail (KIOSK_IS_WINDOW (self));

  index = _kiosk_window_page_index (name);
  if (index < 0)
    {
      g_warning ("No page called “%s”", name != NULL ? name : "(null)");
      return;
    }

  if (_kiosk_window_pages[index].staff && !self->staff_mode)
    {
      /* Asked for by a key or an action: the PIN first, then the page. */
      g_free (self->wanted_page);
      self->wanted_page = g_strdup (name);
      kiosk_window_request_staff_mode (self);
      return;
    }

  _kiosk_window_ensure_page (self, (guint) index);
  gtk_stack_set_visible_child_name (self->stack, name);
}

GtkWidget *
kiosk_window_ensure_page (KioskWindow *self,
                          const char  *name)
{
  int index;

  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  index = _kiosk_window_page_index (name);
  g_return_val_if_fail (index >= 0, NULL);
  return _kiosk_window_ensure_page (self, (guint) index);
}

GtkWidget *
kiosk_window_peek_page (KioskWindow *self,
                        const char  *name)
{
  int index;

  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  index = _kiosk_window_page_index (name);
  g_return_val_if_fail (index >= 0, NULL);
  return self->page_widgets[index];
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
  int index = _kiosk_window_page_index (gtk_stack_get_visible_child_name (self->stack));

  if (index < 0)
    return;

  /* Keep the rail (and what a screen reader hears) in step with the stack,
   * whichever way the page was changed: a tap, a key, an action. */
  if (GTK_WIDGET (gtk_list_box_get_selected_row (self->rail)) != self->rows[index])
    gtk_list_box_select_row (self->rail, GTK_LIST_BOX_ROW (self->rows[index]));

  for (guint i = 0; i < KIOSK_WINDOW_N_PAGES; i++)
    gtk_accessible_update_state (GTK_ACCESSIBLE (self->rows[i]),
                                 GTK_ACCESSIBLE_STATE_SELECTED, (int)i == index,
                                 -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
on_row_selected (KioskWindow   *self,
                 GtkListBoxRow *row)
{
  for (guint i = 0; row != NULL && i < KIOSK_WINDOW_N_PAGES; i++)
    if (self->rows[i] == GTK_WIDGET (row))
      kiosk_window_show_page (self, _kiosk_window_pages[i].name);
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
  /* Made now if it was not yet: in customer mode the PIN pad shows first. */
  if (*g_variant_get_string (parameter, NULL) != '\0')
    kiosk_queue_page_show_walkin (KIOSK_QUEUE_PAGE (kiosk_window_ensure_page (self, "queue")),
                                  g_variant_get_string (parameter, NULL));
}

static GtkWidget *
make_rail_row (KioskWindow    *self,
               const KioskWindowPageInfo *info)
{
  const char *title = _(info->title);
  /* Hidden while its tooltip is set: GTK 4.8 asks the X server where the
   * pointer is (three round trips) whenever a visible widget's tooltip is
   * set, and start-up would wait for that nine times. */
  GtkWidget *row = g_object_new (GTK_TYPE_LIST_BOX_ROW,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_TAB,
                                 "visible", FALSE,
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
  /* Staff pages' rows then follow the mode (_kiosk_window_update_mode_widgets()). */
  gtk_widget_set_visible (row, TRUE);

  /* The same string as the visible label, so both always agree. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_SELECTED, FALSE,
                               -1);

  return row;
}

/* A page is made the first time it is wanted (shown, or asked for by a
 * test or an action): start-up builds the first page's template alone, and
 * a page nobody opens costs nothing. Its rail row, made at start-up, then
 * says which panel it controls. */
GtkWidget *
_kiosk_window_ensure_page (KioskWindow *self,
                           guint        index)
{
  const KioskWindowPageInfo *info;
  const char *title;
  GtkStackPage *stack_page;
  GtkWidget *page;

  g_return_val_if_fail (index < KIOSK_WINDOW_N_PAGES, NULL);

  if (self->page_widgets[index] != NULL)
    return self->page_widgets[index];

  info = &_kiosk_window_pages[index];
  title = _(info->title);
  page = g_object_new (info->get_type (),
                       "context", self->context,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_TAB_PANEL,
                       NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (page),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->rows[index]),
                                  GTK_ACCESSIBLE_RELATION_CONTROLS, page, NULL,
                                  -1);

  stack_page = gtk_stack_add_titled (self->stack, page, info->name, title);
  g_object_set (stack_page, "icon-name", info->icon_name, NULL);
  self->page_widgets[index] = page;

  /* What the window set on every page so far. */
  if (info->staff)
    gtk_stack_page_set_visible (stack_page, self->staff_mode);
  kiosk_page_set_staff_mode (KIOSK_PAGE (page), self->staff_mode);
  if (KIOSK_IS_SETTINGS_PAGE (page))
    kiosk_settings_page_set_kiosk_mode (KIOSK_SETTINGS_PAGE (page), self->kiosk_mode);

  g_debug ("Made the page “%s”", info->name);
  return page;
}

/* The rail offers every page; only the first one is made (it is the one
 * shown at start-up and after locking). */
static void
build_pages (KioskWindow *self)
{
  for (guint i = 0; i < KIOSK_WINDOW_N_PAGES; i++)
    {
      self->rows[i] = make_rail_row (self, &_kiosk_window_pages[i]);
      gtk_list_box_append (self->rail, self->rows[i]);
    }
  _kiosk_window_ensure_page (self, 0);
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
kiosk_window_close_request (GtkWindow *window)
{
  KioskWindow *self = KIOSK_WINDOW (window);

  /* Locked down: only staff leave, from the Settings page. */
  if (self->kiosk_mode)
    {
      g_debug ("Close refused in kiosk mode");
      return TRUE;
    }
  _kiosk_window_save_size (self);

  return GTK_WINDOW_CLASS (kiosk_window_parent_class)->close_request (window);
}

static void
on_sync_changed (KioskWindow *self)
{
  _kiosk_window_update_pairing (self);
  _kiosk_window_update_desk_status (self);
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
  gtk_window_set_child (GTK_WINDOW (self), self->overlay);
  _kiosk_window_build_staff (self, header);
}

static void
kiosk_window_constructed (GObject *object)
{
  KioskWindow *self = KIOSK_WINDOW (object);
  const char *notice;

  G_OBJECT_CLASS (kiosk_window_parent_class)->constructed (object);

  g_return_if_fail (self->context != NULL);

  load_style (GTK_WIDGET (self));
  build_pages (self);
  build_modes (self);
  /* Only the visible page in the tree (no staff page in customer mode). */
  kiosk_accessible_tidy (GTK_WIDGET (self));
  _kiosk_window_update_salon_name (self);
  _kiosk_window_update_clock (self);
  _kiosk_window_restore_size (self);

  gtk_widget_set_visible (self->demo_badge, kiosk_context_get_demo (self->context));
  _kiosk_window_update_sync_status (self);

  notice = kiosk_context_get_notice (self->context);
  if (notice != NULL)
    _kiosk_window_show_notice (self, notice);

  g_signal_connect_object (self->context, "replica-changed",
                           G_CALLBACK (_kiosk_window_update_salon_name), self, G_CONNECT_SWAPPED);
  /* The salon's time zone can arrive with the first sync. */
  g_signal_connect_object (self->context, "replica-changed",
                           G_CALLBACK (_kiosk_window_update_sync_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "replica-changed",
                           G_CALLBACK (_kiosk_window_update_desk_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (on_visible_child_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rail, "row-selected",
                           G_CALLBACK (on_row_selected), self, G_CONNECT_SWAPPED);

  /* Also when the engine comes or goes (pairing, unpairing). */
  g_signal_connect_object (kiosk_context_get_sync_monitor (self->context), "changed",
                           G_CALLBACK (on_sync_changed), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->stack, _kiosk_window_pages[0].name);
  on_visible_child_changed (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-kiosk", FALSE);
  /* Also reads the desk's status (the counts, the banner). */
  _kiosk_window_update_mode_widgets (self);
  _kiosk_window_update_pairing (self);
  _kiosk_window_watch_idle (self);
}

static void
kiosk_window_dispose (GObject *object)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  _kiosk_window_status_dispose (self);
  _kiosk_window_staff_dispose (self);
  _kiosk_window_lockdown_dispose (self);
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
  _kiosk_window_status_class_init (widget_class);
  _kiosk_window_staff_class_init (widget_class);
  _kiosk_window_lockdown_class_init (widget_class);

  /* Alt+1 … Alt+9 go straight to a page, in rail order (staff pages ask
   * for the PIN first). */
  for (guint i = 0; i < KIOSK_WINDOW_N_PAGES; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", _kiosk_window_pages[i].name);
}

static void
kiosk_window_init (KioskWindow *self)
{
  g_type_ensure (KIOSK_TYPE_SYNC_STATUS);
  gtk_widget_init_template (GTK_WIDGET (self));
}

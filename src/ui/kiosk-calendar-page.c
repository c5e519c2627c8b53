/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The staff calendar: the day by staff member and one staff
 * member's week, with the booking and the appointment panels sliding in at
 * the side. Changes from sync rebuild the shown view in place (scroll,
 * selection and keyboard focus kept).
 */
#define G_LOG_DOMAIN "kiosk-calendar-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-appointment-panel.h"
#include "kiosk-booking-panel.h"
#include "kiosk-calendar-page.h"
#include "kiosk-day-view.h"
#include "kiosk-format.h"
#include "kiosk-week-view.h"

struct _KioskCalendarPage
{
  KioskPage      parent_instance;

  /* template */
  GtkLabel      *summary_label;
  GtkStack      *view_stack;
  GtkMenuButton *date_button;
  GtkCalendar   *day_calendar;
  KioskDayView  *day_view;
  KioskWeekView *week_view;
  GtkRevealer   *panel_revealer;
  GtkStack      *panel_stack;

  GtkWidget     *booking_panel;
  GtkWidget     *appointment_panel;

  char          *date;          /* the day shown, YYYY-MM-DD; NULL: today */
  gboolean       updating;
};

G_DEFINE_FINAL_TYPE (KioskCalendarPage, kiosk_calendar_page, KIOSK_TYPE_PAGE)

GtkWidget *
kiosk_calendar_page_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_CALENDAR_PAGE, "context", context, NULL);
}

static gboolean
week_shown (KioskCalendarPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "week") == 0;
}

/* The view the person works in now. */
static KioskDayView *
current_view (KioskCalendarPage *self)
{
  return week_shown (self) ? kiosk_week_view_get_day_view (self->week_view) : self->day_view;
}

static GDateTime *
noon_of (const char *date)
{
  int y, m, d;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return NULL;
  return g_date_time_new_utc (y, m, d, 12, 0, 0);
}

static void
update_summary (KioskCalendarPage *self)
{
  KioskDayView *view = current_view (self);
  g_autoptr(GDateTime) day = noon_of (self->date);
  g_autofree char *long_date = day != NULL ? kiosk_format_long_date (day) : g_strdup ("");
  guint n = kiosk_day_view_get_n_appointments (view);
  g_autofree char *count = NULL;
  g_autofree char *summary = NULL;

  if (week_shown (self))
    count = g_strdup_printf (ngettext ("%u appointment this week", "%u appointments this week", n), n);
  else
    {
      guint staff = kiosk_day_view_get_n_columns (view);
      g_autofree char *appointments = g_strdup_printf (ngettext ("%u appointment", "%u appointments", n), n);
      g_autofree char *working = g_strdup_printf (ngettext ("%u staff member", "%u staff members", staff), staff);

      /* Translators: "<n appointments>, <n staff members>". */
      count = g_strdup_printf (_("%s, %s"), appointments, working);
    }
  /* Translators: "<long date> · <counts>". */
  summary = g_strdup_printf (_("%s · %s"), long_date, count);
  gtk_label_set_text (self->summary_label, summary);

  self->updating = TRUE;
  gtk_menu_button_set_label (self->date_button, long_date);
  {
    /* Translators: the date button's spoken name: "<long date>, choose a date". */
    g_autofree char *spoken = g_strdup_printf (_("%s, choose a date"), long_date);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }
  if (day != NULL)
    gtk_calendar_select_day (self->day_calendar, day);
  self->updating = FALSE;
}

static void
show_error (KioskCalendarPage *self,
            GError            *error)
{
  g_autofree char *text = g_strdup_printf (_("The calendar cannot be read: %s"), error->message);

  g_warning ("%s", text);
  gtk_label_set_text (self->summary_label, text);
}

/* Shows self->date in the view on screen; the same day is rebuilt in place. */
static void
show_current (KioskCalendarPage *self)
{
  KioskContext *context = kiosk_page_get_context (KIOSK_PAGE (self));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (context == NULL)
    return;
  if (self->date == NULL)
    self->date = kiosk_context_dup_today (context);

  if (week_shown (self))
    {
      KioskDayView *inner = kiosk_week_view_get_day_view (self->week_view);

      if (g_strcmp0 (kiosk_day_view_get_date (inner), self->date) == 0)
        ok = kiosk_week_view_reload (self->week_view, &error);
      else
        ok = kiosk_week_view_show (self->week_view, NULL, self->date, &error);
    }
  else if (g_strcmp0 (kiosk_day_view_get_date (self->day_view), self->date) == 0)
    ok = kiosk_day_view_reload (self->day_view, &error);
  else
    ok = kiosk_day_view_show_day (self->day_view, self->date, &error);

  if (!ok)
    {
      show_error (self, error);
      return;
    }
  update_summary (self);
}

static void
kiosk_calendar_page_reload (KioskPage *page)
{
  KioskCalendarPage *self = KIOSK_CALENDAR_PAGE (page);

  show_current (self);
  if (gtk_revealer_get_reveal_child (self->panel_revealer)
      && gtk_stack_get_visible_child (self->panel_stack) == self->appointment_panel)
    kiosk_appointment_panel_reload (KIOSK_APPOINTMENT_PANEL (self->appointment_panel));
}

static void
go_to_date (KioskCalendarPage *self,
            const char        *date)
{
  if (date == NULL || g_strcmp0 (self->date, date) == 0)
    return;
  g_free (self->date);
  self->date = g_strdup (date);
  show_current (self);
}

static void
shift_date (KioskCalendarPage *self,
            int                days)
{
  g_autoptr(GDateTime) day = noon_of (self->date);
  g_autoptr(GDateTime) moved = day != NULL ? g_date_time_add_days (day, days) : NULL;
  g_autofree char *text = moved != NULL ? g_date_time_format (moved, "%Y-%m-%d") : NULL;

  go_to_date (self, text);
}

/* ---- panels ------------------------------------------------------------- */

static void
open_panel (KioskCalendarPage *self,
            GtkWidget         *panel)
{
  gtk_stack_set_visible_child (self->panel_stack, panel);
  gtk_revealer_set_reveal_child (self->panel_revealer, TRUE);
  gtk_widget_child_focus (panel, GTK_DIR_TAB_FORWARD);
}

static void
close_panel (KioskCalendarPage *self,
             const char        *focus_appointment)
{
  if (!gtk_revealer_get_reveal_child (self->panel_revealer))
    return;
  gtk_revealer_set_reveal_child (self->panel_revealer, FALSE);
  /* Back to the block the person came from (or the one just booked). */
  kiosk_day_view_focus_block (current_view (self), focus_appointment);
}

static void
appointment_activated (KioskCalendarPage *self,
                       const char        *appointment_id)
{
  kiosk_day_view_set_selected (self->day_view, appointment_id);
  kiosk_day_view_set_selected (kiosk_week_view_get_day_view (self->week_view), appointment_id);
  kiosk_appointment_panel_set_appointment (KIOSK_APPOINTMENT_PANEL (self->appointment_panel), appointment_id);
  open_panel (self, self->appointment_panel);
}

static void
book_requested (KioskCalendarPage *self,
                const char        *date,
                const char        *employee_id,
                int                time)
{
  kiosk_booking_panel_start (KIOSK_BOOKING_PANEL (self->booking_panel), date, employee_id, time);
  open_panel (self, self->booking_panel);
}

static void
booking_done (KioskCalendarPage *self,
              const char        *appointment_id)
{
  kiosk_day_view_set_selected (self->day_view, appointment_id);
  kiosk_day_view_set_selected (kiosk_week_view_get_day_view (self->week_view), appointment_id);
  close_panel (self, appointment_id);
}

static void
booking_cancelled (KioskCalendarPage *self)
{
  close_panel (self, kiosk_day_view_get_selected (current_view (self)));
}

static void
appointment_closed (KioskCalendarPage *self)
{
  const char *id = kiosk_appointment_panel_get_appointment (KIOSK_APPOINTMENT_PANEL (self->appointment_panel));
  g_autofree char *copy = g_strdup (id);

  close_panel (self, copy);
}

/* ---- the toolbar and the views ------------------------------------------ */

static void
new_booking_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KioskCalendarPage *self = KIOSK_CALENDAR_PAGE (widget);
  const char *date = kiosk_day_view_get_date (current_view (self));

  if (date == NULL)
    date = self->date;
  book_requested (self, date, week_shown (self) ? kiosk_week_view_get_employee (self->week_view) : NULL, -1);
}

static void
previous_day_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  shift_date (KIOSK_CALENDAR_PAGE (widget), -1);
}

static void
next_day_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  shift_date (KIOSK_CALENDAR_PAGE (widget), 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KioskCalendarPage *self = KIOSK_CALENDAR_PAGE (widget);
  g_autofree char *today = kiosk_context_dup_today (kiosk_page_get_context (KIOSK_PAGE (self)));

  go_to_date (self, today);
}

static void
close_panel_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KioskCalendarPage *self = KIOSK_CALENDAR_PAGE (widget);

  if (gtk_stack_get_visible_child (self->panel_stack) == self->booking_panel)
    booking_cancelled (self);
  else
    appointment_closed (self);
}

static void
day_selected (KioskCalendarPage *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *text = NULL;

  if (self->updating)
    return;
  day = gtk_calendar_get_date (self->day_calendar);
  text = g_date_time_format (day, "%Y-%m-%d");
  gtk_menu_button_popdown (self->date_button);
  go_to_date (self, text);
}

/* A view moved by itself (PageUp/PageDown, the week's toolbar). */
static void
view_date_changed (KioskCalendarPage *self,
                   GParamSpec        *pspec,
                   KioskDayView      *view)
{
  const char *date = kiosk_day_view_get_date (view);

  if (view != current_view (self) || date == NULL)
    return;
  if (g_strcmp0 (self->date, date) != 0)
    {
      g_free (self->date);
      self->date = g_strdup (date);
    }
  update_summary (self);
}

static void
view_switched (KioskCalendarPage *self)
{
  KioskContext *context = kiosk_page_get_context (KIOSK_PAGE (self));
  g_autoptr(GError) error = NULL;

  if (context == NULL || self->date == NULL)
    return;
  if (week_shown (self))
    {
      /* The week of the staff member whose column the keyboard was in. */
      if (!kiosk_week_view_show (self->week_view, kiosk_day_view_get_focus_employee (self->day_view),
                                 self->date, &error))
        {
          show_error (self, error);
          return;
        }
      update_summary (self);
    }
  else
    show_current (self);
}

static void
kiosk_calendar_page_clear (KioskPage *page)
{
  KioskCalendarPage *self = KIOSK_CALENDAR_PAGE (page);

  gtk_revealer_set_reveal_child (self->panel_revealer, FALSE);
  if (self->booking_panel != NULL)
    kiosk_booking_panel_clear (KIOSK_BOOKING_PANEL (self->booking_panel));
  if (self->appointment_panel != NULL)
    kiosk_appointment_panel_set_appointment (KIOSK_APPOINTMENT_PANEL (self->appointment_panel), NULL);
  kiosk_day_view_set_selected (self->day_view, NULL);
  kiosk_day_view_set_selected (kiosk_week_view_get_day_view (self->week_view), NULL);
  /* The next person starts at today. */
  if (self->date != NULL)
    {
      g_clear_pointer (&self->date, g_free);
      show_current (self);
    }
}

/* ---- GObject ------------------------------------------------------------ */

static void
kiosk_calendar_page_constructed (GObject *object)
{
  KioskCalendarPage *self = KIOSK_CALENDAR_PAGE (object);
  KioskContext *context;

  G_OBJECT_CLASS (kiosk_calendar_page_parent_class)->constructed (object);

  context = kiosk_page_get_context (KIOSK_PAGE (self));
  if (context == NULL)
    return;
  kiosk_day_view_set_context (self->day_view, context);
  kiosk_week_view_set_context (self->week_view, context);

  self->booking_panel = kiosk_booking_panel_new (context);
  self->appointment_panel = kiosk_appointment_panel_new (context);
  gtk_stack_add_named (self->panel_stack, self->booking_panel, "booking");
  gtk_stack_add_named (self->panel_stack, self->appointment_panel, "appointment");
  g_signal_connect_swapped (self->booking_panel, "done", G_CALLBACK (booking_done), self);
  g_signal_connect_swapped (self->booking_panel, "cancelled", G_CALLBACK (booking_cancelled), self);
  g_signal_connect_swapped (self->appointment_panel, "closed", G_CALLBACK (appointment_closed), self);
}

static void
kiosk_calendar_page_dispose (GObject *object)
{
  KioskCalendarPage *self = KIOSK_CALENDAR_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_CALENDAR_PAGE);
  self->booking_panel = NULL;
  self->appointment_panel = NULL;

  G_OBJECT_CLASS (kiosk_calendar_page_parent_class)->dispose (object);
}

static void
kiosk_calendar_page_finalize (GObject *object)
{
  KioskCalendarPage *self = KIOSK_CALENDAR_PAGE (object);

  g_free (self->date);

  G_OBJECT_CLASS (kiosk_calendar_page_parent_class)->finalize (object);
}

static void
kiosk_calendar_page_class_init (KioskCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->constructed = kiosk_calendar_page_constructed;
  object_class->dispose = kiosk_calendar_page_dispose;
  object_class->finalize = kiosk_calendar_page_finalize;
  page_class->reload = kiosk_calendar_page_reload;
  page_class->clear = kiosk_calendar_page_clear;

  g_type_ensure (KIOSK_TYPE_DAY_VIEW);
  g_type_ensure (KIOSK_TYPE_WEEK_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskCalendarPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KioskCalendarPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, KioskCalendarPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, KioskCalendarPage, day_calendar);
  gtk_widget_class_bind_template_child (widget_class, KioskCalendarPage, day_view);
  gtk_widget_class_bind_template_child (widget_class, KioskCalendarPage, week_view);
  gtk_widget_class_bind_template_child (widget_class, KioskCalendarPage, panel_revealer);
  gtk_widget_class_bind_template_child (widget_class, KioskCalendarPage, panel_stack);

  gtk_widget_class_install_action (widget_class, "calendar.new-booking", NULL, new_booking_action);
  gtk_widget_class_install_action (widget_class, "calendar.previous-day", NULL, previous_day_action);
  gtk_widget_class_install_action (widget_class, "calendar.next-day", NULL, next_day_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.close-panel", NULL, close_panel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "calendar.close-panel", NULL);
}

static void
kiosk_calendar_page_init (KioskCalendarPage *self)
{
  KioskDayView *inner;

  gtk_widget_init_template (GTK_WIDGET (self));
  inner = kiosk_week_view_get_day_view (self->week_view);

  g_signal_connect_swapped (self->day_view, "appointment-activated", G_CALLBACK (appointment_activated), self);
  g_signal_connect_swapped (self->day_view, "book-requested", G_CALLBACK (book_requested), self);
  g_signal_connect_swapped (inner, "appointment-activated", G_CALLBACK (appointment_activated), self);
  g_signal_connect_swapped (inner, "book-requested", G_CALLBACK (book_requested), self);
  g_signal_connect_object (self->day_view, "notify::date", G_CALLBACK (view_date_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (inner, "notify::date", G_CALLBACK (view_date_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name", G_CALLBACK (view_switched), self);
  g_signal_connect_swapped (self->day_calendar, "day-selected", G_CALLBACK (day_selected), self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-calendar-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-calendar-page.h"
#include "kiosk-format.h"
#include "kiosk-widgets.h"

/* Appointments starting before this go to the morning column. */
#define NOON (12 * 3600)

struct _KioskCalendarPage
{
  KioskPage   parent_instance;

  GtkLabel   *summary_label;
  GtkListBox *morning_list;
  GtkListBox *afternoon_list;
};

G_DEFINE_FINAL_TYPE (KioskCalendarPage, kiosk_calendar_page, KIOSK_TYPE_PAGE)

GtkWidget *
kiosk_calendar_page_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_CALENDAR_PAGE, "context", context, NULL);
}

static GtkWidget *
make_badge (const KioskAppointment *appt)
{
  switch (appt->status)
    {
    case KIOSK_APPOINTMENT_PENDING:
    case KIOSK_APPOINTMENT_CONFIRMED:
      if (appt->checked_in_at != NULL)
        return kiosk_badge_new (_("Checked in"), "status-checked-in");
      return kiosk_badge_new (kiosk_format_appointment_status (appt->status),
                              appt->status == KIOSK_APPOINTMENT_PENDING ? "status-pending" : "status-confirmed");
    case KIOSK_APPOINTMENT_COMPLETED:
      return kiosk_badge_new (kiosk_format_appointment_status (appt->status), "status-completed");
    case KIOSK_APPOINTMENT_CANCELLED:
      return kiosk_badge_new (kiosk_format_appointment_status (appt->status), "status-cancelled");
    case KIOSK_APPOINTMENT_NO_SHOW:
      return kiosk_badge_new (kiosk_format_appointment_status (appt->status), "status-no-show");
    default:
      return kiosk_badge_new (kiosk_format_appointment_status (appt->status), NULL);
    }
}

static GtkWidget *
make_row (const KioskAppointmentRow *row)
{
  const KioskAppointment *appt = &row->appointment;
  g_autofree char *range = kiosk_format_time_range (appt->appointment_time, appt->end_time);
  g_autofree char *subtitle = NULL;
  const char *staff = row->employee_name != NULL ? row->employee_name : _("Any staff member");
  GtkWidget *time_label = gtk_label_new (range);
  GtkWidget *list_row;

  /* Translators: "<service> · <staff member>". */
  subtitle = g_strdup_printf (_("%s · %s"), row->service_name != NULL ? row->service_name : "", staff);

  gtk_widget_add_css_class (time_label, "row-time");
  gtk_widget_add_css_class (time_label, "numeric");

  list_row = kiosk_row_new (row->customer_name != NULL ? row->customer_name : _("Guest"),
                            subtitle, time_label, make_badge (appt));
  if (appt->status == KIOSK_APPOINTMENT_CANCELLED || appt->status == KIOSK_APPOINTMENT_NO_SHOW)
    gtk_widget_add_css_class (list_row, "inactive");

  return list_row;
}

static void
kiosk_calendar_page_reload (KioskPage *page)
{
  KioskCalendarPage *self = KIOSK_CALENDAR_PAGE (page);
  KioskContext *context = kiosk_page_get_context (page);
  g_autofree char *today = kiosk_context_dup_today (context);
  g_autoptr(GDateTime) now = kiosk_context_dup_now (context);
  g_autofree char *date = kiosk_format_long_date (now);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = kiosk_replica_list_appointment_rows (kiosk_page_get_replica (page), today, &error);

  kiosk_list_box_remove_all (self->morning_list);
  kiosk_list_box_remove_all (self->afternoon_list);

  if (rows == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Today's appointments cannot be read: %s"), error->message);

      g_warning ("%s", text);
      gtk_label_set_text (self->summary_label, text);
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const KioskAppointmentRow *row = g_ptr_array_index (rows, i);

      gtk_list_box_append (row->appointment.appointment_time < NOON ? self->morning_list : self->afternoon_list,
                           make_row (row));
    }

  {
    g_autofree char *count = g_strdup_printf (ngettext ("%u appointment", "%u appointments", rows->len), rows->len);
    /* Translators: "<long date> · <n appointments>". */
    g_autofree char *summary = g_strdup_printf (_("%s · %s"), date, count);

    gtk_label_set_text (self->summary_label, summary);
  }
}

static void
kiosk_calendar_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_CALENDAR_PAGE);

  G_OBJECT_CLASS (kiosk_calendar_page_parent_class)->dispose (object);
}

static void
kiosk_calendar_page_class_init (KioskCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_calendar_page_dispose;
  page_class->reload = kiosk_calendar_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskCalendarPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KioskCalendarPage, morning_list);
  gtk_widget_class_bind_template_child (widget_class, KioskCalendarPage, afternoon_list);
}

static void
kiosk_calendar_page_init (KioskCalendarPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_list_box_set_empty_text (self->morning_list, _("No appointments this morning."));
  kiosk_list_box_set_empty_text (self->afternoon_list, _("No appointments this afternoon."));
}

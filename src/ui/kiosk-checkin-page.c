/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-checkin-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-checkin-page.h"
#include "kiosk-format.h"
#include "kiosk-widgets.h"

struct _KioskCheckinPage
{
  KioskPage   parent_instance;

  GtkLabel   *summary_label;
  GtkListBox *upcoming_list;
  GtkListBox *arrived_list;
};

G_DEFINE_FINAL_TYPE (KioskCheckinPage, kiosk_checkin_page, KIOSK_TYPE_PAGE)

GtkWidget *
kiosk_checkin_page_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_CHECKIN_PAGE, "context", context, NULL);
}

static GtkWidget *
make_row (const KioskAppointmentRow *row,
          gboolean                   checked_in)
{
  const KioskAppointment *appt = &row->appointment;
  /* This list faces the waiting room: first name and initial only. */
  g_autofree char *name = kiosk_format_private_name (row->customer_name);
  g_autofree char *time = kiosk_format_time (appt->appointment_time);
  GtkWidget *time_label = gtk_label_new (time);
  GtkWidget *badge;

  if (checked_in)
    badge = kiosk_badge_new (_("Checked in"), "status-checked-in");
  else if (appt->status == KIOSK_APPOINTMENT_PENDING)
    badge = kiosk_badge_new (kiosk_format_appointment_status (appt->status), "status-pending");
  else
    badge = kiosk_badge_new (kiosk_format_appointment_status (appt->status), "status-confirmed");

  gtk_widget_add_css_class (time_label, "row-time");
  gtk_widget_add_css_class (time_label, "numeric");

  return kiosk_row_new (*name != '\0' ? name : _("Guest"), row->service_name, time_label, badge);
}

static void
kiosk_checkin_page_reload (KioskPage *page)
{
  KioskCheckinPage *self = KIOSK_CHECKIN_PAGE (page);
  g_autofree char *today = kiosk_context_dup_today (kiosk_page_get_context (page));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = kiosk_replica_list_appointment_rows (kiosk_page_get_replica (page), today, &error);
  guint n_upcoming = 0;
  guint n_arrived = 0;

  kiosk_list_box_remove_all (self->upcoming_list);
  kiosk_list_box_remove_all (self->arrived_list);

  if (rows == NULL)
    {
      g_warning ("Cannot read today's appointments: %s", error->message);
      gtk_label_set_text (self->summary_label, _("Today's appointments cannot be read right now. Please ask at the desk."));
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const KioskAppointmentRow *row = g_ptr_array_index (rows, i);
      const KioskAppointment *appt = &row->appointment;
      gboolean checked_in = appt->checked_in_at != NULL;

      /* Only visits still ahead of the customer can be checked in. */
      if (appt->status != KIOSK_APPOINTMENT_PENDING && appt->status != KIOSK_APPOINTMENT_CONFIRMED)
        continue;

      if (checked_in)
        {
          gtk_list_box_append (self->arrived_list, make_row (row, TRUE));
          n_arrived++;
        }
      else
        {
          gtk_list_box_append (self->upcoming_list, make_row (row, FALSE));
          n_upcoming++;
        }
    }

  if (n_upcoming + n_arrived == 0)
    gtk_label_set_text (self->summary_label, _("There are no appointments left today."));
  else
    {
      g_autofree char *summary =
        g_strdup_printf (ngettext ("%u appointment still to come today. Find your name and tell us at the desk.",
                                   "%u appointments still to come today. Find your name and tell us at the desk.",
                                   n_upcoming),
                         n_upcoming);

      gtk_label_set_text (self->summary_label, summary);
    }
}

static void
kiosk_checkin_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_CHECKIN_PAGE);

  G_OBJECT_CLASS (kiosk_checkin_page_parent_class)->dispose (object);
}

static void
kiosk_checkin_page_class_init (KioskCheckinPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_checkin_page_dispose;
  page_class->reload = kiosk_checkin_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-checkin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskCheckinPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KioskCheckinPage, upcoming_list);
  gtk_widget_class_bind_template_child (widget_class, KioskCheckinPage, arrived_list);
}

static void
kiosk_checkin_page_init (KioskCheckinPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_list_box_set_empty_text (self->upcoming_list, _("No more appointments today."));
  kiosk_list_box_set_empty_text (self->arrived_list, _("No one has checked in yet."));
}

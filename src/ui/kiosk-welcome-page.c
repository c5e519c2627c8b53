/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "domain/kiosk-time.h"
#include "kiosk-format.h"
#include "kiosk-welcome-page.h"

struct _KioskWelcomePage
{
  KioskPage  parent_instance;

  GtkLabel  *salon_name_label;
  GtkLabel  *date_label;
  GtkLabel  *hours_label;
  GtkLabel  *address_label;
};

G_DEFINE_FINAL_TYPE (KioskWelcomePage, kiosk_welcome_page, KIOSK_TYPE_PAGE)

GtkWidget *
kiosk_welcome_page_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_WELCOME_PAGE, "context", context, NULL);
}

/* Today's hours from working_hours, falling back to the salon's general
 * opening hours when the day has no row. */
static char *
describe_hours (KioskReplica     *replica,
                const KioskSalon *salon,
                const char       *today)
{
  g_autoptr(GPtrArray) hours = kiosk_replica_list_working_hours (replica, NULL);
  int day = kiosk_date_day_of_week (today);

  for (guint i = 0; hours != NULL && i < hours->len; i++)
    {
      const KioskWorkingHours *wh = g_ptr_array_index (hours, i);
      g_autofree char *range = NULL;

      if (wh->day_of_week != day)
        continue;
      if (wh->is_closed)
        return g_strdup (_("Closed today"));

      range = kiosk_format_time_range (wh->opening_time, wh->closing_time);
      /* Translators: %s is a range of times, "09:00 – 20:00". */
      return g_strdup_printf (_("Open today %s"), range);
    }

  if (salon != NULL && salon->closing_time > salon->opening_time)
    {
      g_autofree char *range = kiosk_format_time_range (salon->opening_time, salon->closing_time);

      return g_strdup_printf (_("Open today %s"), range);
    }

  return g_strdup (_("Closed today"));
}

static char *
describe_address (const KioskSalon *salon)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *place = NULL;
  g_autofree char *phone = NULL;

  if (salon->address != NULL && *salon->address != '\0')
    g_ptr_array_add (parts, salon->address);

  /* "Kadıköy/İstanbul", as Turkish addresses end. */
  if (salon->district != NULL && *salon->district != '\0' && salon->city != NULL && *salon->city != '\0')
    place = g_strdup_printf ("%s/%s", salon->district, salon->city);
  else if (salon->city != NULL && *salon->city != '\0')
    place = g_strdup (salon->city);
  else if (salon->district != NULL && *salon->district != '\0')
    place = g_strdup (salon->district);
  if (place != NULL)
    g_ptr_array_add (parts, place);

  if (salon->phone != NULL && *salon->phone != '\0')
    {
      phone = kiosk_format_phone (salon->phone);
      g_ptr_array_add (parts, phone);
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("\n", (char **)parts->pdata);
}

static void
kiosk_welcome_page_reload (KioskPage *page)
{
  KioskWelcomePage *self = KIOSK_WELCOME_PAGE (page);
  KioskContext *context = kiosk_page_get_context (page);
  KioskReplica *replica = kiosk_page_get_replica (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskSalon) salon = kiosk_replica_get_salon (replica, &error);
  g_autoptr(GDateTime) now = kiosk_context_dup_now (context);
  g_autofree char *today = kiosk_context_dup_today (context);
  g_autofree char *date = kiosk_format_long_date (now);
  g_autofree char *hours = NULL;

  if (salon == NULL)
    {
      if (error != NULL)
        g_warning ("Cannot read the salon: %s", error->message);
      /* A kiosk not yet paired with a salon still greets people. */
      gtk_label_set_text (self->salon_name_label, _("Salonity Kiosk"));
      gtk_label_set_text (self->address_label, _("This kiosk is not yet connected to a salon."));
    }
  else
    {
      g_autofree char *address = describe_address (salon);

      gtk_label_set_text (self->salon_name_label, salon->name);
      gtk_label_set_text (self->address_label, address);
    }

  hours = describe_hours (replica, salon, today);
  gtk_label_set_text (self->date_label, date);
  gtk_label_set_text (self->hours_label, hours);
}

static void
kiosk_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (kiosk_welcome_page_parent_class)->dispose (object);
}

static void
kiosk_welcome_page_class_init (KioskWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_welcome_page_dispose;
  page_class->reload = kiosk_welcome_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskWelcomePage, salon_name_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWelcomePage, date_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWelcomePage, hours_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWelcomePage, address_label);
}

static void
kiosk_welcome_page_init (KioskWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

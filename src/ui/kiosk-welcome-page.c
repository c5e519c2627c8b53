/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-context-reads.h"
#include "kiosk-desk-bookings.h"
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

/* Open now and until when, or closed and when it opens next (today,
 * tomorrow or a weekday), from working_hours or else the salon's hours. */
static char *
describe_hours (KioskWelcomePage *self,
                GDateTime        *now)
{
  g_autoptr(GError) error = NULL;
  KioskOpening opening;

  if (!kiosk_desk_get_opening (kiosk_page_get_context (KIOSK_PAGE (self)), &opening, &error))
    {
      g_warning ("Cannot read the salon's hours: %s", error->message);
      return g_strdup ("");
    }
  /* Said again when the salon opens or closes. */
  kiosk_page_reload_in (KIOSK_PAGE (self), opening.changes_in);
  return kiosk_format_opening (&opening, now);
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
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskSalon) salon = kiosk_context_get_salon (context, &error);
  g_autoptr(GDateTime) now = kiosk_context_dup_now (context);
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

  hours = describe_hours (self, now);
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

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-staff-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-context-reads.h"
#include "kiosk-format.h"
#include "kiosk-staff-page.h"
#include "kiosk-widgets.h"

struct _KioskStaffPage
{
  KioskPage   parent_instance;

  GtkLabel   *summary_label;
  GtkListBox *staff_list;
  GtkListBox *services_list;
};

G_DEFINE_FINAL_TYPE (KioskStaffPage, kiosk_staff_page, KIOSK_TYPE_PAGE)

GtkWidget *
kiosk_staff_page_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_STAFF_PAGE, "context", context, NULL);
}

static GtkWidget *
make_employee_row (const KioskEmployee *employee,
                   GHashTable          *services)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *does = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  for (guint i = 0; employee->services != NULL && employee->services[i] != NULL; i++)
    {
      const KioskService *service = g_hash_table_lookup (services, employee->services[i]);

      if (service != NULL)
        g_ptr_array_add (names, service->name);
    }
  g_ptr_array_add (names, NULL);
  /* Translators: the separator between service names in a list. */
  does = g_strjoinv (_(", "), (char **)names->pdata);

  if (employee->position != NULL && *employee->position != '\0' && *does != '\0')
    subtitle = g_strdup_printf ("%s\n%s", employee->position, does);
  else if (*does != '\0')
    subtitle = g_steal_pointer (&does);
  else
    subtitle = g_strdup (employee->position);

  row = kiosk_row_new (employee->name, subtitle, NULL,
                       employee->is_active ? NULL : kiosk_badge_new (_("Not working"), "status-inactive"));
  if (!employee->is_active)
    gtk_widget_add_css_class (row, "inactive");

  return row;
}

static void
kiosk_staff_page_reload (KioskPage *page)
{
  KioskStaffPage *self = KIOSK_STAFF_PAGE (page);
  KioskContext *context = kiosk_page_get_context (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) employees = kiosk_context_list_employees (context, &error);
  g_autoptr(GPtrArray) services = kiosk_context_list_services (context, error == NULL ? &error : NULL);
  g_autoptr(GPtrArray) categories = kiosk_context_list_categories (context, NULL);
  g_autoptr(GHashTable) service_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) category_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_active = 0;
  guint n_services = 0;

  kiosk_list_box_remove_all (self->staff_list);
  kiosk_list_box_remove_all (self->services_list);

  if (employees == NULL || services == NULL)
    {
      g_warning ("Cannot read the staff: %s", error != NULL ? error->message : "?");
      gtk_label_set_text (self->summary_label, _("The staff list cannot be read right now."));
      return;
    }

  for (guint i = 0; i < services->len; i++)
    {
      KioskService *service = g_ptr_array_index (services, i);

      g_hash_table_insert (service_by_id, service->id, service);
    }
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      KioskCategory *category = g_ptr_array_index (categories, i);

      g_hash_table_insert (category_by_id, category->id, category);
    }

  /* Working staff first; the list is by name within each group. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < employees->len; i++)
      {
        const KioskEmployee *employee = g_ptr_array_index (employees, i);

        if (employee->is_active != (pass == 0))
          continue;
        gtk_list_box_append (self->staff_list, make_employee_row (employee, service_by_id));
        if (employee->is_active)
          n_active++;
      }

  for (guint i = 0; i < services->len; i++)
    {
      const KioskService *service = g_ptr_array_index (services, i);
      const KioskCategory *category = service->category != NULL ? g_hash_table_lookup (category_by_id, service->category) : NULL;

      if (!service->is_active)
        continue;
      gtk_list_box_append (self->services_list, kiosk_service_row_new (service, category != NULL ? category->name : NULL));
      n_services++;
    }

  {
    g_autofree char *staff = g_strdup_printf (ngettext ("%u staff member at work", "%u staff members at work", n_active), n_active);
    g_autofree char *menu = g_strdup_printf (ngettext ("%u service", "%u services", n_services), n_services);
    g_autofree char *summary = g_strdup_printf (_("%s · %s"), staff, menu);

    gtk_label_set_text (self->summary_label, summary);
  }
}

static void
kiosk_staff_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_STAFF_PAGE);

  G_OBJECT_CLASS (kiosk_staff_page_parent_class)->dispose (object);
}

static void
kiosk_staff_page_class_init (KioskStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_staff_page_dispose;
  page_class->reload = kiosk_staff_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-staff-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, staff_list);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, services_list);
}

static void
kiosk_staff_page_init (KioskStaffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_list_box_set_empty_text (self->staff_list, _("No staff yet. The team appears here once the salon has been synchronised."));
  kiosk_list_box_set_empty_text (self->services_list, _("No services yet."));
}

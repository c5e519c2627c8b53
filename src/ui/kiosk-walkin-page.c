/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-walkin-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-format.h"
#include "kiosk-walkin-page.h"
#include "kiosk-widgets.h"

struct _KioskWalkinPage
{
  KioskPage   parent_instance;

  GtkLabel   *summary_label;
  GtkListBox *queue_list;
  GtkBox     *menu_box;
};

G_DEFINE_FINAL_TYPE (KioskWalkinPage, kiosk_walkin_page, KIOSK_TYPE_PAGE)

typedef struct
{
  const KioskWalkin *walkin;
  GDateTime         *arrived;   /* in the salon's time zone, or NULL */
} QueueEntry;

static void
queue_entry_free (QueueEntry *entry)
{
  g_clear_pointer (&entry->arrived, g_date_time_unref);
  g_free (entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const QueueEntry *ea = *(QueueEntry * const *)a;
  const QueueEntry *eb = *(QueueEntry * const *)b;

  if (ea->arrived == NULL || eb->arrived == NULL)
    return (ea->arrived == NULL) - (eb->arrived == NULL);
  return g_date_time_compare (ea->arrived, eb->arrived);
}

GtkWidget *
kiosk_walkin_page_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_WALKIN_PAGE, "context", context, NULL);
}

static const char *
status_css_class (KioskWalkinStatus status)
{
  switch (status)
    {
    case KIOSK_WALKIN_WAITING:
      return "status-waiting";
    case KIOSK_WALKIN_CALLED:
      return "status-called";
    case KIOSK_WALKIN_IN_SERVICE:
      return "status-in-service";
    case KIOSK_WALKIN_DONE:
    case KIOSK_WALKIN_LEFT:
    default:
      return "status-done";
    }
}

static void
reload_queue (KioskWalkinPage *self,
              GDateTime       *now,
              GHashTable      *services)
{
  KioskReplica *replica = kiosk_page_get_replica (KIOSK_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) walkins = kiosk_replica_list_open_walkins (replica, &error);
  g_autoptr(GPtrArray) queue = g_ptr_array_new_with_free_func ((GDestroyNotify)queue_entry_free);
  guint n_waiting = 0;

  kiosk_list_box_remove_all (self->queue_list);

  if (walkins == NULL)
    {
      g_warning ("Cannot read the walk-ins: %s", error->message);
      gtk_label_set_text (self->summary_label, _("The queue cannot be read right now."));
      return;
    }

  for (guint i = 0; i < walkins->len; i++)
    {
      const KioskWalkin *walkin = g_ptr_array_index (walkins, i);
      g_autoptr(GDateTime) arrived = NULL;
      QueueEntry *entry;

      if (walkin->status != KIOSK_WALKIN_WAITING &&
          walkin->status != KIOSK_WALKIN_CALLED &&
          walkin->status != KIOSK_WALKIN_IN_SERVICE)
        continue;

      if (walkin->arrived_at != NULL)
        {
          g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (walkin->arrived_at, NULL);

          if (parsed != NULL)
            arrived = g_date_time_to_timezone (parsed, g_date_time_get_timezone (now));
        }

      /* Today's queue: an open visit from an earlier day is stale. */
      if (arrived != NULL &&
          (g_date_time_get_year (arrived) != g_date_time_get_year (now) ||
           g_date_time_get_day_of_year (arrived) != g_date_time_get_day_of_year (now)))
        continue;

      entry = g_new0 (QueueEntry, 1);
      entry->walkin = walkin;
      entry->arrived = g_steal_pointer (&arrived);
      g_ptr_array_add (queue, entry);
    }

  g_ptr_array_sort (queue, compare_entries);

  for (guint i = 0; i < queue->len; i++)
    {
      const QueueEntry *entry = g_ptr_array_index (queue, i);
      const KioskWalkin *walkin = entry->walkin;
      const KioskService *service = walkin->service != NULL ? g_hash_table_lookup (services, walkin->service) : NULL;
      g_autofree char *name = kiosk_format_private_name (walkin->name);
      g_autofree char *position = g_strdup_printf ("%u", i + 1);
      g_autofree char *when = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *number = gtk_label_new (position);
      GtkWidget *badge = kiosk_badge_new (kiosk_format_walkin_status (walkin->status),
                                          status_css_class (walkin->status));

      if (walkin->status == KIOSK_WALKIN_WAITING)
        n_waiting++;

      if (entry->arrived != NULL && walkin->status == KIOSK_WALKIN_WAITING)
        {
          GTimeSpan waited = g_date_time_difference (now, entry->arrived);
          g_autofree char *duration = kiosk_format_duration ((int)MAX (waited / G_TIME_SPAN_MINUTE, 0));

          /* Translators: how long a walk-in has waited, "waiting 12 min". */
          when = g_strdup_printf (_("waiting %s"), duration);
        }
      else if (entry->arrived != NULL)
        {
          g_autofree char *time = g_date_time_format (entry->arrived, "%H:%M");

          /* Translators: "arrived 10:05". */
          when = g_strdup_printf (_("arrived %s"), time);
        }

      if (service != NULL && when != NULL)
        subtitle = g_strdup_printf (_("%s · %s"), service->name, when);
      else if (service != NULL)
        subtitle = g_strdup (service->name);
      else
        subtitle = g_steal_pointer (&when);

      gtk_widget_add_css_class (number, "queue-number");
      gtk_widget_add_css_class (number, "numeric");
      gtk_list_box_append (self->queue_list,
                           kiosk_row_new (*name != '\0' ? name : _("Guest"), subtitle, number, badge));
    }

  if (queue->len == 0)
    gtk_label_set_text (self->summary_label, _("No one is waiting. Tell us at the desk and we will fit you in."));
  else
    {
      g_autofree char *summary =
        g_strdup_printf (ngettext ("%u person waiting. Join the queue at the desk.",
                                   "%u people waiting. Join the queue at the desk.",
                                   n_waiting),
                         n_waiting);

      gtk_label_set_text (self->summary_label, summary);
    }
}

static void
add_menu_section (KioskWalkinPage *self,
                  const char      *title,
                  GPtrArray       *services)
{
  GtkWidget *heading;
  GtkWidget *list;

  if (services->len == 0)
    return;

  list = kiosk_card_list_new (NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  for (guint i = 0; i < services->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), kiosk_service_row_new (g_ptr_array_index (services, i), NULL));

  heading = kiosk_heading_new (title);
  gtk_widget_add_css_class (heading, "category-heading");
  gtk_box_append (self->menu_box, heading);
  gtk_box_append (self->menu_box, list);
}

static void
reload_menu (KioskWalkinPage *self,
             GPtrArray       *services)
{
  KioskReplica *replica = kiosk_page_get_replica (KIOSK_PAGE (self));
  g_autoptr(GPtrArray) categories = kiosk_replica_list_categories (replica, NULL);
  g_autoptr(GPtrArray) other = g_ptr_array_new ();
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *empty;

  kiosk_box_remove_all (self->menu_box);
  gtk_box_append (self->menu_box, kiosk_heading_new (_("Services")));

  for (guint c = 0; categories != NULL && c < categories->len; c++)
    g_hash_table_add (known, ((KioskCategory *)g_ptr_array_index (categories, c))->id);

  for (guint c = 0; categories != NULL && c < categories->len; c++)
    {
      const KioskCategory *category = g_ptr_array_index (categories, c);
      g_autoptr(GPtrArray) in_category = g_ptr_array_new ();

      for (guint i = 0; i < services->len; i++)
        {
          const KioskService *service = g_ptr_array_index (services, i);

          if (service->is_active && g_strcmp0 (service->category, category->id) == 0)
            g_ptr_array_add (in_category, (gpointer)service);
        }
      add_menu_section (self, category->name, in_category);
    }

  for (guint i = 0; i < services->len; i++)
    {
      const KioskService *service = g_ptr_array_index (services, i);

      if (service->is_active && (service->category == NULL || !g_hash_table_contains (known, service->category)))
        g_ptr_array_add (other, (gpointer)service);
    }
  add_menu_section (self, _("Other services"), other);

  /* Only the "Services" heading: nothing on the menu yet. */
  if (gtk_widget_get_first_child (GTK_WIDGET (self->menu_box)) == gtk_widget_get_last_child (GTK_WIDGET (self->menu_box)))
    {
      empty = gtk_label_new (_("The service menu is empty. It appears here once the salon has been synchronised."));
      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_widget_add_css_class (empty, "empty-state");
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_box_append (self->menu_box, empty);
    }
}

static void
kiosk_walkin_page_reload (KioskPage *page)
{
  KioskWalkinPage *self = KIOSK_WALKIN_PAGE (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = kiosk_replica_list_services (kiosk_page_get_replica (page), &error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now = kiosk_context_dup_now (kiosk_page_get_context (page));

  if (services == NULL)
    {
      g_warning ("Cannot read the services: %s", error->message);
      services = g_ptr_array_new ();
    }

  for (guint i = 0; i < services->len; i++)
    {
      KioskService *service = g_ptr_array_index (services, i);

      g_hash_table_insert (by_id, service->id, service);
    }

  reload_queue (self, now, by_id);
  reload_menu (self, services);
}

static void
kiosk_walkin_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_WALKIN_PAGE);

  G_OBJECT_CLASS (kiosk_walkin_page_parent_class)->dispose (object);
}

static void
kiosk_walkin_page_class_init (KioskWalkinPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_walkin_page_dispose;
  page_class->reload = kiosk_walkin_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-walkin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, menu_box);
}

static void
kiosk_walkin_page_init (KioskWalkinPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_list_box_set_empty_text (self->queue_list, _("No one is waiting right now."));
}

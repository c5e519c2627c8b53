/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
/* One log domain for the day view and its parts. */
#define G_LOG_DOMAIN "kiosk-day-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-accessible.h"
#include "kiosk-day-walkin.h"

struct _KioskDayWalkin
{
  GtkPopover  parent_instance;

  GtkWidget  *title;
  GtkWidget  *service;
  GtkWidget  *staff;
  GtkWidget  *since;
  GtkWidget  *sync;
  GtkWidget  *queue_button;
};

G_DEFINE_FINAL_TYPE (KioskDayWalkin, kiosk_day_walkin, GTK_TYPE_POPOVER)

GtkWidget *
kiosk_day_walkin_new (void)
{
  return g_object_new (KIOSK_TYPE_DAY_WALKIN, NULL);
}

void
kiosk_day_walkin_set_walkin (KioskDayWalkin *self,
                             const char     *walkin_id,
                             const char     *customer,
                             const char     *service,
                             const char     *staff,
                             const char     *since,
                             gboolean        pending)
{
  g_autofree char *title = NULL;
  g_autofree char *with = NULL;
  g_autofree char *since_text = NULL;

  g_return_if_fail (KIOSK_IS_DAY_WALKIN (self));

  title = g_strdup_printf (_("Walk-in: %s"), customer);
  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_label_set_text (GTK_LABEL (self->service), service);
  gtk_widget_set_visible (self->service, service != NULL && *service != '\0');
  if (staff != NULL)
    with = g_strdup_printf (_("With %s"), staff);
  gtk_label_set_text (GTK_LABEL (self->staff), with != NULL ? with : "");
  gtk_widget_set_visible (self->staff, with != NULL);
  /* Translators: in a walk-in's details in the calendar: "In service since 10:30". */
  since_text = g_strdup_printf (_("In service since %s"), since);
  gtk_label_set_text (GTK_LABEL (self->since), since_text);
  gtk_widget_set_visible (self->sync, pending);
  /* The Queue page, with the focus on this walk-in's row. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->queue_button), "s", walkin_id);
}

static void
kiosk_day_walkin_class_init (KioskDayWalkinClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-day-walkin.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskDayWalkin, title);
  gtk_widget_class_bind_template_child (widget_class, KioskDayWalkin, service);
  gtk_widget_class_bind_template_child (widget_class, KioskDayWalkin, staff);
  gtk_widget_class_bind_template_child (widget_class, KioskDayWalkin, since);
  gtk_widget_class_bind_template_child (widget_class, KioskDayWalkin, sync);
  gtk_widget_class_bind_template_child (widget_class, KioskDayWalkin, queue_button);
  /* The walk-in's details over the day, named by its title ("Walk-in: …"),
   * not "KioskDayWalkin". */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
}

static void
kiosk_day_walkin_init (KioskDayWalkin *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->queue_button, "clicked", G_CALLBACK (gtk_popover_popdown), self);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL, -1);
  /* Made on demand, after its page was shown. */
  kiosk_accessible_tidy (GTK_WIDGET (self));
}

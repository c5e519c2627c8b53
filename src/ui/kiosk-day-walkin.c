/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
/* One log domain for the day view and its parts. */
#define G_LOG_DOMAIN "kiosk-day-view"

#include "config.h"

#include <glib/gi18n.h>

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
  gtk_label_set_text (GTK_LABEL (self->sync), _("Waiting to sync"));
  gtk_widget_set_visible (self->sync, pending);
  /* The Queue page, with the focus on this walk-in's row. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->queue_button), "s", walkin_id);
}

static GtkWidget *
detail_label (GtkWidget *box)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "xalign", 0.f, "wrap", TRUE, "max-width-chars", 40, NULL);

  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static void
kiosk_day_walkin_class_init (KioskDayWalkinClass *klass)
{
}

static void
kiosk_day_walkin_init (KioskDayWalkin *self)
{
  GtkWidget *box, *button;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  self->title = detail_label (box);
  gtk_widget_add_css_class (self->title, "heading");
  self->service = detail_label (box);
  self->staff = detail_label (box);
  self->since = detail_label (box);
  self->sync = detail_label (box);
  gtk_widget_add_css_class (self->sync, "dim-label");

  /* Served walk-ins are finished (or moved on) on the Queue page; the
   * target (the walk-in's id) is set with the details. */
  button = gtk_button_new_with_mnemonic (_("Show in the _queue"));
  gtk_widget_set_margin_top (button, 6);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-walkin");
  gtk_box_append (GTK_BOX (box), button);
  self->queue_button = button;

  gtk_popover_set_child (GTK_POPOVER (self), box);
  gtk_popover_set_position (GTK_POPOVER (self), GTK_POS_RIGHT);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (gtk_popover_popdown), self);
}

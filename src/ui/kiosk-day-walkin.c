/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
/* One log domain for the day view and its parts. */
#define G_LOG_DOMAIN "kiosk-day-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-accessible.h"
#include "kiosk-day-lines.h"
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

  char       *key;
  gboolean    dismissing;
};

G_DEFINE_FINAL_TYPE (KioskDayWalkin, kiosk_day_walkin, GTK_TYPE_POPOVER)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
kiosk_day_walkin_new (void)
{
  return g_object_new (KIOSK_TYPE_DAY_WALKIN, NULL);
}

void
kiosk_day_walkin_set_item (KioskDayWalkin     *self,
                           const KioskDayItem *item,
                           const char         *staff)
{
  g_autofree char *title = NULL;
  g_autofree char *with = NULL;
  g_autofree char *since_text = NULL;
  char since[8];

  g_return_if_fail (KIOSK_IS_DAY_WALKIN (self));
  g_return_if_fail (item != NULL);

  if (g_strcmp0 (self->key, item->key) != 0)
    {
      g_free (self->key);
      self->key = g_strdup (item->key);
    }

  title = g_strdup_printf (_("Walk-in: %s"), item->customer);
  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_label_set_text (GTK_LABEL (self->service), item->service);
  gtk_widget_set_visible (self->service, item->service != NULL && *item->service != '\0');
  if (staff != NULL)
    with = g_strdup_printf (_("With %s"), staff);
  gtk_label_set_text (GTK_LABEL (self->staff), with != NULL ? with : "");
  gtk_widget_set_visible (self->staff, with != NULL);
  /* Translators: in a walk-in's details in the calendar: "In service since 10:30". */
  since_text = g_strdup_printf (_("In service since %s"), kiosk_day_format_hm (since, item->start));
  gtk_label_set_text (GTK_LABEL (self->since), since_text);
  gtk_widget_set_visible (self->sync, item->pending);
  /* The Queue page, with the focus on this walk-in's row. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->queue_button), "s", item->id);
}

const char *
kiosk_day_walkin_get_key (KioskDayWalkin *self)
{
  g_return_val_if_fail (KIOSK_IS_DAY_WALKIN (self), NULL);
  return self->key;
}

gboolean
kiosk_day_walkin_is_shown (KioskDayWalkin *self)
{
  g_return_val_if_fail (KIOSK_IS_DAY_WALKIN (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self));
}

void
kiosk_day_walkin_dismiss (KioskDayWalkin *self)
{
  g_return_if_fail (KIOSK_IS_DAY_WALKIN (self));

  self->dismissing = TRUE;
  gtk_popover_popdown (GTK_POPOVER (self));
  self->dismissing = FALSE;
}

static void
kiosk_day_walkin_closed (GtkPopover *popover)
{
  KioskDayWalkin *self = KIOSK_DAY_WALKIN (popover);

  if (GTK_POPOVER_CLASS (kiosk_day_walkin_parent_class)->closed != NULL)
    GTK_POPOVER_CLASS (kiosk_day_walkin_parent_class)->closed (popover);
  if (!self->dismissing)
    g_signal_emit (self, signals[DONE], 0);
}

static void
kiosk_day_walkin_finalize (GObject *object)
{
  KioskDayWalkin *self = KIOSK_DAY_WALKIN (object);

  g_free (self->key);

  G_OBJECT_CLASS (kiosk_day_walkin_parent_class)->finalize (object);
}

static void
kiosk_day_walkin_class_init (KioskDayWalkinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkPopoverClass *popover_class = GTK_POPOVER_CLASS (klass);

  object_class->finalize = kiosk_day_walkin_finalize;
  popover_class->closed = kiosk_day_walkin_closed;

  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

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

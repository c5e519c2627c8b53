/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-queue-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-queue-page.h"

struct _KioskQueuePage
{
  KioskPage parent_instance;
};

G_DEFINE_FINAL_TYPE (KioskQueuePage, kiosk_queue_page, KIOSK_TYPE_PAGE)

GtkWidget *
kiosk_queue_page_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_QUEUE_PAGE, "context", context, NULL);
}

static void
kiosk_queue_page_class_init (KioskQueuePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-queue-page.ui");
}

static void
kiosk_queue_page_init (KioskQueuePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

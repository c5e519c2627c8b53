/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-refused-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-refused-page.h"

struct _KioskRefusedPage
{
  KioskPage parent_instance;
};

G_DEFINE_FINAL_TYPE (KioskRefusedPage, kiosk_refused_page, KIOSK_TYPE_PAGE)

GtkWidget *
kiosk_refused_page_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_REFUSED_PAGE, "context", context, NULL);
}

static void
kiosk_refused_page_class_init (KioskRefusedPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-refused-page.ui");
}

static void
kiosk_refused_page_init (KioskRefusedPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

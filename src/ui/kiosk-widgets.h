/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Small builders for the rows and badges the pages share, so that every
 * list looks the same. Plain functions.
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-records.h"

G_BEGIN_DECLS

/* A row with a title, an optional dimmed subtitle, an optional widget
 * before the text (@prefix, e.g. a time) and one after it (@suffix). The
 * row's accessible label is the title and subtitle together. */
GtkWidget *kiosk_row_new                (const char *title,
                                         const char *subtitle,
                                         GtkWidget  *prefix,
                                         GtkWidget  *suffix);
/* A label with the "badge" style and @css_class (e.g. "status-confirmed"):
 * the text says the status, the colour only repeats it. */
GtkWidget *kiosk_badge_new              (const char *text,
                                         const char *css_class);
/* "Pending": on a row the server has not accepted yet. An icon and the
 * word, so it reads without colour; tooltip and accessible description say
 * what it means. */
GtkWidget *kiosk_pending_badge_new      (void);
/* A section heading above a list. */
GtkWidget *kiosk_heading_new            (const char *text);
/* A list box in the "card" style with @empty_text shown while it has no rows. */
GtkWidget *kiosk_card_list_new          (const char *empty_text);
/* What an empty list says instead ("No one is waiting"). */
void       kiosk_list_box_set_empty_text (GtkListBox *list,
                                          const char *empty_text);
void       kiosk_list_box_remove_all    (GtkListBox *list);
void       kiosk_box_remove_all         (GtkBox     *box);
/* For dispose: gtk_widget_dispose_template() for @type, then the template's
 * unnamed children, which GTK 4.8 leaves to the widget. */
void       kiosk_widget_dispose_template (GtkWidget *widget,
                                          GType      type);

/* A service as the menus show it: name, duration (and @extra, e.g. the
 * category, when given) and the price. */
GtkWidget *kiosk_service_row_new        (const KioskService *service,
                                         const char         *extra);

G_END_DECLS

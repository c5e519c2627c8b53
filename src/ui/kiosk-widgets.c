/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-widgets"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-format.h"
#include "kiosk-widgets.h"

GtkWidget *
kiosk_row_new (const char *title,
               const char *subtitle,
               GtkWidget  *prefix,
               GtkWidget  *suffix)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (title);
  g_autofree char *accessible = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "kiosk-row");
  gtk_widget_add_css_class (box, "kiosk-row-box");

  if (prefix != NULL)
    {
      gtk_widget_set_valign (prefix, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), prefix);
    }

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "row-title");
  gtk_box_append (GTK_BOX (text), label);

  if (subtitle != NULL && *subtitle != '\0')
    {
      GtkWidget *sub = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (sub), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (sub), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (sub), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (sub, "row-subtitle");
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_box_append (GTK_BOX (text), sub);
      accessible = g_strdup_printf ("%s, %s", title, subtitle);
    }
  gtk_box_append (GTK_BOX (box), text);

  if (suffix != NULL)
    {
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), suffix);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (accessible != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible,
                                    -1);

  return row;
}

GtkWidget *
kiosk_badge_new (const char *text,
                 const char *css_class)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_add_css_class (badge, "badge");
  if (css_class != NULL)
    gtk_widget_add_css_class (badge, css_class);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);

  return badge;
}

GtkWidget *
kiosk_pending_badge_new (void)
{
  const char *tooltip = _("Not yet accepted by the server");
  GtkWidget *badge = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", "content-loading-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);
  /* The same word as a pending booking's status. */
  GtkWidget *label = gtk_label_new (_("Pending"));

  gtk_box_append (GTK_BOX (badge), icon);
  gtk_box_append (GTK_BOX (badge), label);
  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, "pending-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (badge, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (GTK_LABEL (label)),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);

  return badge;
}

GtkWidget *
kiosk_heading_new (const char *text)
{
  /* A heading for screen readers too, so they can jump between sections. */
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   "xalign", 0.0f,
                                   "wrap", TRUE,
                                   NULL);

  gtk_widget_add_css_class (label, "section-heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 2,
                                  -1);

  return label;
}

void
kiosk_list_box_set_empty_text (GtkListBox *list,
                                const char *empty_text)
{
  GtkWidget *empty = gtk_label_new (empty_text);

  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_label_set_justify (GTK_LABEL (empty), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (empty, "empty-state");
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_list_box_set_placeholder (list, empty);
}

GtkWidget *
kiosk_card_list_new (const char *empty_text)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "card-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  if (empty_text != NULL)
    kiosk_list_box_set_empty_text (GTK_LIST_BOX (list), empty_text);

  return list;
}

void
kiosk_list_box_remove_all (GtkListBox *list)
{
  GtkWidget *row;

  /* The placeholder is not a row: gtk_list_box_get_row_at_index() skips it. */
  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0))) != NULL)
    gtk_list_box_remove (list, row);
}

void
kiosk_box_remove_all (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

void
kiosk_widget_dispose_template (GtkWidget *widget,
                               GType      type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (widget, type);
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

GtkWidget *
kiosk_service_row_new (const KioskService *service,
                       const char         *extra)
{
  g_autofree char *duration = kiosk_format_duration (service->duration);
  g_autofree char *price = kiosk_format_money (service->price);
  g_autofree char *subtitle = NULL;
  GtkWidget *price_label = gtk_label_new (price);

  if (extra != NULL && *extra != '\0')
    /* Translators: "<category> · <duration>", e.g. "Saç · 45 dk". */
    subtitle = g_strdup_printf (_("%s · %s"), extra, duration);
  else
    subtitle = g_strdup (duration);

  gtk_widget_add_css_class (price_label, "price");
  gtk_widget_add_css_class (price_label, "numeric");

  return kiosk_row_new (service->name, subtitle, NULL, price_label);
}

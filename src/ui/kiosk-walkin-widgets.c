/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-walkin-widgets"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-time.h"
#include "kiosk-walkin-widgets.h"

static void
sync_checked (GtkToggleButton *button)
{
  /* GtkToggleButton only says "pressed"; radio buttons and check boxes are
   * read out by their checked state. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (button),
                               GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_toggle_button_get_active (button) ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                                                     : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

GtkWidget *
kiosk_walkin_choice_new (const char *title,
                         const char *subtitle,
                         const char *suffix,
                         GtkWidget  *group)
{
  GtkWidget *button = g_object_new (GTK_TYPE_TOGGLE_BUTTON,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                    NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GString *accessible = g_string_new (title);

  gtk_widget_add_css_class (button, "walkin-choice");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), new_label (title, "row-title"));
  if (subtitle != NULL && *subtitle != '\0')
    {
      GtkWidget *sub = new_label (subtitle, "row-subtitle");

      gtk_widget_add_css_class (sub, "dim-label");
      gtk_box_append (GTK_BOX (text), sub);
      g_string_append_printf (accessible, ", %s", subtitle);
    }
  gtk_box_append (GTK_BOX (box), text);
  if (suffix != NULL && *suffix != '\0')
    {
      GtkWidget *end = gtk_label_new (suffix);

      gtk_widget_add_css_class (end, "price");
      gtk_widget_add_css_class (end, "numeric");
      gtk_widget_set_valign (end, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), end);
      g_string_append_printf (accessible, ", %s", suffix);
    }
  gtk_button_set_child (GTK_BUTTON (button), box);

  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible->str,
                                  -1);
  g_string_free (accessible, TRUE);
  sync_checked (GTK_TOGGLE_BUTTON (button));
  g_signal_connect (button, "toggled", G_CALLBACK (sync_checked), NULL);

  return button;
}

void
kiosk_walkin_flow_box_append (GtkFlowBox *box,
                              GtkWidget  *choice)
{
  GtkWidget *card = g_object_new (GTK_TYPE_FLOW_BOX_CHILD,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_GENERIC,
                                  "focusable", FALSE,
                                  "child", choice,
                                  NULL);

  gtk_flow_box_append (box, card);
}

static void
sync_indicator (GtkToggleButton *button,
                GtkCheckButton  *indicator)
{
  gtk_check_button_set_active (indicator, gtk_toggle_button_get_active (button));
  sync_checked (button);
}

GtkWidget *
kiosk_walkin_check_new (const char *mnemonic_label)
{
  GtkWidget *button = g_object_new (GTK_TYPE_TOGGLE_BUTTON,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_CHECKBOX,
                                    NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  /* Only the picture of a check box: the toggle button is the control. */
  GtkWidget *indicator = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                       "can-focus", FALSE,
                                       "can-target", FALSE,
                                       "valign", GTK_ALIGN_CENTER,
                                       NULL);
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic_label);

  gtk_widget_add_css_class (button, "walkin-check");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), button);
  gtk_box_append (GTK_BOX (box), indicator);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  /* Named by its mnemonic label (the label's mnemonic widget): a label of
   * its own besides made GTK 4.8 say the sentence twice. */
  sync_checked (GTK_TOGGLE_BUTTON (button));
  g_signal_connect (button, "toggled", G_CALLBACK (sync_indicator), indicator);

  return button;
}

char *
kiosk_walkin_format_wait (const KioskWaitEstimate *estimate)
{
  int low;
  int high;
  g_autofree char *range = NULL;

  if (estimate == NULL)
    return g_strdup (_("The wait cannot be estimated right now."));

  switch (estimate->status)
    {
    case KIOSK_WAIT_NOBODY_CAN:
      return g_strdup (_("Nobody on shift can do this service now."));
    case KIOSK_WAIT_AFTER_CLOSING:
      return g_strdup (_("It may not fit before closing today."));
    case KIOSK_WAIT_OK:
    default:
      break;
    }

  /* The range people are told, as wide as the time it covers, in whole
   * minutes (never negative or upside down). */
  kiosk_wait_estimate_get_range (estimate, &low, &high);
  low /= 60;
  high /= 60;

  if (high == 0)
    range = g_strdup (_("No wait: you can be served now."));
  else if (low == high)
    {
      g_autofree char *duration = kiosk_time_format_duration (high);

      /* Translators: an estimated wait, "about 20 min" or "about 1 h 10 min". */
      range = g_strdup_printf (_("about %s"), duration);
    }
  else if (high < 60)
    /* Translators: an estimated wait as a range of minutes, "about 15–25 min". */
    range = g_strdup_printf (ngettext ("about %d–%d min", "about %d–%d min", (gulong)high), low, high);
  else
    {
      g_autofree char *from = kiosk_time_format_duration (low);
      g_autofree char *to = kiosk_time_format_duration (high);

      /* Translators: an estimated wait as a range, "about 50 min – 1 h 20 min". */
      range = g_strdup_printf (_("about %s – %s"), from, to);
    }

  if (estimate->closing_at_risk)
    /* Translators: an estimate, then a warning, "about 40–60 min. It may not fit before closing." */
    return g_strdup_printf (_("%s. It may not fit before closing."), range);
  return g_steal_pointer (&range);
}

void
kiosk_walkin_set_field_error (GtkWidget  *field,
                              GtkLabel   *message_label,
                              const char *message)
{
  gboolean shown = message != NULL && *message != '\0';

  gtk_label_set_text (message_label, shown ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (message_label), shown);
  if (shown)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, message_label,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
    }
}

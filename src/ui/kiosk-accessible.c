/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-accessible"

#include "config.h"

#include <string.h>

#include "kiosk-accessible.h"

/* Set on a widget once it is looked after, so a second walk does nothing. */
#define TIDY_KEY "kiosk-accessible-tidy"

static void
set_hidden (GtkWidget *widget,
            gboolean   hidden)
{
  /* GTK 4.8 leaves a widget (and all it holds) out of the tree when it has
   * the hidden state; it keeps an invisible stack page or a closed revealer's
   * child in it. */
  if (hidden)
    gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN);
}

char *
kiosk_accessible_strip_mnemonic (const char *label)
{
  GString *plain;

  if (label == NULL)
    return NULL;
  plain = g_string_sized_new (strlen (label));
  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          /* "__" is a real underscore. */
          if (p[1] == '_')
            {
              g_string_append_c (plain, '_');
              p++;
            }
          continue;
        }
      g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

/* ---- buttons ---------------------------------------------------------------- */

static void
button_label_changed (GtkButton *button)
{
  const char *label = gtk_button_get_label (button);

  /* gtk_button_set_label() of GTK 4.8 sets the accessible label to the raw
   * label ("P_air") and makes the button labelled by its label child too
   * ("Pair"): a screen reader hears both, underscore and all. The child
   * alone says it right, so GTK's label goes, each time GTK sets it again.
   * (A button with a plain label is named once by GTK.) A label of our own
   * ("Check in: Ayşe Kaya, 12:30") is set after this ran: on a button made
   * with kiosk_button_new_with_mnemonic(), or after the page was shown. */
  if (label != NULL && gtk_button_get_use_underline (button))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
check_button_label_changed (GtkCheckButton *check)
{
  const char *label = gtk_check_button_get_label (check);
  g_autofree char *plain = NULL;

  /* A check button is named by its raw label only ("I _agree"). */
  if (label == NULL || !gtk_check_button_get_use_underline (check))
    return;
  plain = kiosk_accessible_strip_mnemonic (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
}

GtkWidget *
kiosk_button_new_with_mnemonic (const char *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  kiosk_accessible_tidy (button);
  return button;
}

/* ---- what is not shown ------------------------------------------------------ */

static void
label_text_changed (GtkLabel *label)
{
  const char *text = gtk_label_get_text (label);

  /* An empty label would be read as "GtkLabel". */
  set_hidden (GTK_WIDGET (label), text == NULL || *text == '\0');
}

static void
revealer_changed (GtkRevealer *revealer)
{
  /* A closed revealer keeps its child in the tree: a hidden banner would
   * still be an alert there. */
  set_hidden (GTK_WIDGET (revealer), !gtk_revealer_get_reveal_child (revealer));
}

static void
stack_changed (GtkStack *stack)
{
  GtkWidget *visible = gtk_stack_get_visible_child (stack);
  GtkSelectionModel *pages = gtk_stack_get_pages (stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    {
      GtkStackPage *page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = gtk_stack_page_get_child (page);

      /* GTK 4.8 keeps every page in the tree, also invisible ones (the staff
       * pages in customer mode, the pairing screen once paired); leaving out
       * the child leaves out its page. */
      set_hidden (child, child != visible);
      /* A page without a title would be "GtkStackPage"; an empty label makes
       * it a nameless group, as a box is. A title, when set, names it. */
      if (gtk_stack_page_get_title (page) == NULL && g_object_get_data (G_OBJECT (page), TIDY_KEY) == NULL)
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
          g_object_set_data (G_OBJECT (page), TIDY_KEY, GINT_TO_POINTER (TRUE));
        }
      g_object_unref (page);
    }
  g_object_unref (pages);
}

void
kiosk_accessible_show_visible_page_only (GtkStack *stack)
{
  GtkSelectionModel *pages;

  g_return_if_fail (GTK_IS_STACK (stack));

  if (g_object_get_data (G_OBJECT (stack), TIDY_KEY) != NULL)
    return;
  /* The stack keeps only a weak pointer to its pages model: hold it, so that
   * pages added later (the pairing screen) are seen. */
  pages = gtk_stack_get_pages (stack);
  g_object_set_data_full (G_OBJECT (stack), TIDY_KEY, pages, g_object_unref);
  g_signal_connect_object (pages, "items-changed", G_CALLBACK (stack_changed), stack, G_CONNECT_SWAPPED);
  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (stack_changed), NULL);
  stack_changed (stack);
}

/* ---- the walk ----------------------------------------------------------------- */

static void
menu_button_label_changed (GtkMenuButton *button)
{
  /* A new label makes new insides (and a new arrow icon): look again. */
  kiosk_accessible_tidy (GTK_WIDGET (button));
}

static void
tidy_one (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget))
    {
      kiosk_accessible_show_visible_page_only (GTK_STACK (widget));
      return;
    }
  if (g_object_get_data (G_OBJECT (widget), TIDY_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (widget), TIDY_KEY, GINT_TO_POINTER (TRUE));

  if (GTK_IS_BUTTON (widget))
    {
      g_signal_connect (widget, "notify::label", G_CALLBACK (button_label_changed), NULL);
      g_signal_connect (widget, "notify::use-underline", G_CALLBACK (button_label_changed), NULL);
      button_label_changed (GTK_BUTTON (widget));
    }
  else if (GTK_IS_CHECK_BUTTON (widget))
    {
      g_signal_connect (widget, "notify::label", G_CALLBACK (check_button_label_changed), NULL);
      g_signal_connect (widget, "notify::use-underline", G_CALLBACK (check_button_label_changed), NULL);
      check_button_label_changed (GTK_CHECK_BUTTON (widget));
    }
  else if (GTK_IS_MENU_BUTTON (widget))
    g_signal_connect (widget, "notify::label", G_CALLBACK (menu_button_label_changed), NULL);
  else if (GTK_IS_LABEL (widget))
    {
      g_signal_connect (widget, "notify::label", G_CALLBACK (label_text_changed), NULL);
      label_text_changed (GTK_LABEL (widget));
    }
  else if (GTK_IS_REVEALER (widget))
    {
      g_signal_connect (widget, "notify::reveal-child", G_CALLBACK (revealer_changed), NULL);
      revealer_changed (GTK_REVEALER (widget));
    }
  else if (GTK_IS_SCROLLBAR (widget) ||
           /* The check mark of a check button, the arrow of a menu button or
            * a drop-down: pictures of the state or the kind of control, which
            * the control itself says. GTK 4.8 names them after their private
            * type. */
           g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkBuiltinIcon") == 0)
    {
      /* Scroll bars only show where a list is (GTK's are overlay indicators
       * and take no focus); a screen reader scrolls by moving through it. */
      set_hidden (widget, TRUE);
    }
  else if ((GTK_IS_OVERLAY (widget) || g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkPopoverContent") == 0) &&
           gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_WIDGET)
    {
      /* Layers of layout, no controls (an overlay, the frame GTK puts
       * around a popover's content): without a name they would be
       * "GtkOverlay", "GtkPopoverContent". */
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
    }
}

void
kiosk_accessible_tidy (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  tidy_one (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    kiosk_accessible_tidy (child);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-loyalty-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "domain/kiosk-loyalty.h"
#include "kiosk-format.h"
#include "kiosk-loyalty-page.h"
#include "kiosk-widgets.h"

#define N_LEVELS (KIOSK_LEVEL_PLATINUM + 1)

struct _KioskLoyaltyPage
{
  KioskPage  parent_instance;

  GtkLabel  *summary_label;
  GtkLabel  *rule_label;
  GtkBox    *levels_box;

  GtkWidget *level_cards[N_LEVELS];
  GtkLabel  *member_labels[N_LEVELS];
  /* Counting members reads every customer (200 000 in a big salon chain's
   * replica): it waits until the page is shown rather than slow start-up. */
  gboolean   members_dirty;
};

G_DEFINE_FINAL_TYPE (KioskLoyaltyPage, kiosk_loyalty_page, KIOSK_TYPE_PAGE)

GtkWidget *
kiosk_loyalty_page_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_LOYALTY_PAGE, "context", context, NULL);
}

static GtkWidget *
make_level_card (KioskLoyaltyLevel   level,
                 GtkLabel          **members_label)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *name = gtk_label_new (kiosk_format_level_name (level));
  g_autofree char *threshold = kiosk_format_money_compact (kiosk_loyalty_level_threshold (level));
  g_autofree char *from = NULL;
  g_autofree char *css = g_strdup_printf ("level-%s", kiosk_loyalty_level_to_string (level));
  g_autofree char *accessible = NULL;
  GtkWidget *from_label;
  GtkWidget *members;

  if (kiosk_loyalty_level_threshold (level) == 0)
    from = g_strdup (_("From your first visit"));
  else
    /* Translators: %s is an amount of money, "₺500". */
    from = g_strdup_printf (_("From %s spent"), threshold);
  from_label = gtk_label_new (from);
  members = gtk_label_new (NULL);

  gtk_widget_add_css_class (card, "level-card");
  gtk_widget_add_css_class (card, css);
  gtk_widget_add_css_class (name, "level-name");
  gtk_widget_add_css_class (from_label, "level-threshold");
  gtk_widget_add_css_class (members, "level-members");
  gtk_widget_add_css_class (members, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (from_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (from_label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (card), name);
  gtk_box_append (GTK_BOX (card), from_label);
  gtk_box_append (GTK_BOX (card), members);

  accessible = g_strdup_printf ("%s, %s", kiosk_format_level_name (level), from);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  *members_label = GTK_LABEL (members);
  return card;
}

static void
load_members (KioskLoyaltyPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 members[N_LEVELS] = { 0 };
  gint64 total = 0;

  self->members_dirty = FALSE;

  /* One GROUP BY over an index: cheap with 200 000 customers. */
  if (!kiosk_replica_count_customers_by_level (kiosk_page_get_replica (KIOSK_PAGE (self)), members, &error))
    {
      g_warning ("Cannot count the members: %s", error->message);
      gtk_label_set_text (self->summary_label, _("Collect points with every visit."));
      return;
    }
  for (guint level = 0; level < N_LEVELS; level++)
    total += members[level];

  for (guint level = 0; level < N_LEVELS; level++)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u member", "%u members", (gulong)members[level]),
                                               (guint)members[level]);
      g_autofree char *accessible = g_strdup_printf ("%s, %s", kiosk_format_level_name ((KioskLoyaltyLevel)level), text);

      gtk_label_set_text (self->member_labels[level], text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_cards[level]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible,
                                      -1);
    }

  {
    g_autofree char *summary =
      g_strdup_printf (ngettext ("Collect points with every visit. %u member collects points here.",
                                 "Collect points with every visit. %u members collect points here.",
                                 (gulong)total),
                       (guint)total);

    gtk_label_set_text (self->summary_label, summary);
  }
}

static void
kiosk_loyalty_page_reload (KioskPage *page)
{
  KioskLoyaltyPage *self = KIOSK_LOYALTY_PAGE (page);
  /* The rule is the domain's: find the price of one point from it. */
  const gint64 sample = 100000;
  gint64 points = kiosk_loyalty_points_for_price (sample);
  g_autofree char *per_point = kiosk_format_money_compact (points > 0 ? sample / points : 1000);
  g_autofree char *rule = NULL;

  /* Translators: %s is an amount of money, "₺10". */
  rule = g_strdup_printf (_("Earn 1 point for every %s you spend"), per_point);
  gtk_label_set_text (self->rule_label, rule);

  if (self->level_cards[0] == NULL)
    for (guint level = 0; level < N_LEVELS; level++)
      {
        self->level_cards[level] = make_level_card ((KioskLoyaltyLevel)level, &self->member_labels[level]);
        gtk_box_append (self->levels_box, self->level_cards[level]);
      }

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_members (self);
  else
    {
      self->members_dirty = TRUE;
      gtk_label_set_text (self->summary_label, _("Collect points with every visit."));
    }
}

static void
kiosk_loyalty_page_map (GtkWidget *widget)
{
  KioskLoyaltyPage *self = KIOSK_LOYALTY_PAGE (widget);

  GTK_WIDGET_CLASS (kiosk_loyalty_page_parent_class)->map (widget);

  /* Only label texts change here, so the widget tree stays as it was mapped. */
  if (self->members_dirty)
    load_members (self);
}

static void
kiosk_loyalty_page_dispose (GObject *object)
{
  KioskLoyaltyPage *self = KIOSK_LOYALTY_PAGE (object);

  memset (self->level_cards, 0, sizeof self->level_cards);
  memset (self->member_labels, 0, sizeof self->member_labels);
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_LOYALTY_PAGE);

  G_OBJECT_CLASS (kiosk_loyalty_page_parent_class)->dispose (object);
}

static void
kiosk_loyalty_page_class_init (KioskLoyaltyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_loyalty_page_dispose;
  widget_class->map = kiosk_loyalty_page_map;
  page_class->reload = kiosk_loyalty_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-loyalty-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskLoyaltyPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KioskLoyaltyPage, rule_label);
  gtk_widget_class_bind_template_child (widget_class, KioskLoyaltyPage, levels_box);
}

static void
kiosk_loyalty_page_init (KioskLoyaltyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

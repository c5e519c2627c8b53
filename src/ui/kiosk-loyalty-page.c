/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-loyalty-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-context-reads.h"
#include "kiosk-kvkk.h"
#include "kiosk-loyalty.h"
#include "kiosk-accessible.h"
#include "kiosk-customer-search.h"
#include "kiosk-desk.h"
#include "kiosk-format.h"
#include "kiosk-loyalty-customer.h"
#include "kiosk-loyalty-page.h"
#include "kiosk-widgets.h"

#define N_LEVELS (KIOSK_LEVEL_PLATINUM + 1)

struct _KioskLoyaltyPage
{
  KioskPage  parent_instance;

  GtkLabel  *summary_label;
  GtkLabel  *rule_label;
  GtkBox    *levels_box;
  GtkBox    *column;

  /* Self lookup: one person, by their whole phone number. */
  GtkWidget   *self_box;
  GtkEditable *phone_entry;
  GtkWidget   *result_box;
  GtkLabel    *result_name_label;
  GtkLabel    *result_points_label;
  GtkLabel    *lookup_message_label;

  /* "Become a member" */
  GtkWidget   *join_revealer;
  GtkEditable *first_entry;
  GtkEditable *last_entry;
  GtkEditable *join_phone_entry;
  GtkCheckButton *consent_check;
  GtkLabel    *join_message_label;

  /* Staff: search any customer, open their card, redeem. */
  GtkWidget   *staff_box;
  KioskCustomerSearch  *search;
  KioskLoyaltyCustomer *card;

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
  if (!kiosk_context_count_customers_by_level (kiosk_page_get_context (KIOSK_PAGE (self)), members, &error))
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

  if (kiosk_loyalty_customer_get_customer (self->card) != NULL)
    kiosk_loyalty_customer_reload (self->card);

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

/* ---- self lookup and joining ------------------------------------------ */

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
hide_result (KioskLoyaltyPage *self)
{
  gtk_label_set_text (self->result_name_label, "");
  gtk_label_set_text (self->result_points_label, "");
  gtk_widget_set_visible (self->result_box, FALSE);
}

static void
lookup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KioskLoyaltyPage *self = KIOSK_LOYALTY_PAGE (widget);
  g_autoptr(KioskCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *masked = NULL;
  g_autofree char *name = NULL;
  g_autofree char *points = NULL;
  g_autofree char *count = NULL;

  hide_result (self);
  customer = kiosk_desk_find_self (kiosk_page_get_context (KIOSK_PAGE (self)),
                                   gtk_editable_get_text (self->phone_entry), &error);
  if (customer == NULL)
    {
      /* The same words whether the number is unknown or incomplete: the
       * screen never tells whether someone else is a member. */
      set_label (self->lookup_message_label,
                 _("No membership was found for this number. Check that you typed your whole phone "
                   "number, or become a member below."));
      return;
    }

  masked = kiosk_desk_mask_surname (customer->last_name);
  name = g_strdup_printf ("%s %s", customer->first_name != NULL ? customer->first_name : "", masked);
  count = g_strdup_printf ("%" G_GINT64_FORMAT, customer->current_points);
  /* Translators: a number of points, then a level name ("Gold"). */
  points = g_strdup_printf (ngettext ("%s point · %s", "%s points · %s",
                                      (gulong) MAX (customer->current_points, 0)),
                            count, kiosk_format_level_name (customer->loyalty_level));
  gtk_label_set_text (self->result_name_label, g_strstrip (name));
  gtk_label_set_text (self->result_points_label, points);
  gtk_widget_set_visible (self->result_box, TRUE);
  set_label (self->lookup_message_label, NULL);
}

static void
show_join_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KioskLoyaltyPage *self = KIOSK_LOYALTY_PAGE (widget);

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->join_revealer), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->first_entry));
}

static void
clear_join_form (KioskLoyaltyPage *self)
{
  gtk_editable_set_text (self->first_entry, "");
  gtk_editable_set_text (self->last_entry, "");
  gtk_editable_set_text (self->join_phone_entry, "");
  gtk_check_button_set_active (self->consent_check, FALSE);
}

static void
join_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KioskLoyaltyPage *self = KIOSK_LOYALTY_PAGE (widget);
  KioskContext *context = kiosk_page_get_context (KIOSK_PAGE (self));
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *first = g_strdup (gtk_editable_get_text (self->first_entry));

  if (gtk_check_button_get_active (self->consent_check))
    now = kiosk_context_dup_now (context);
  id = kiosk_desk_register_customer (context, first,
                                     gtk_editable_get_text (self->last_entry),
                                     gtk_editable_get_text (self->join_phone_entry),
                                     now, &error);
  if (id == NULL)
    {
      set_label (self->join_message_label, error->message);
      return;
    }
  clear_join_form (self);
  {
    /* Translators: %s is the new member's first name. */
    g_autofree char *text = g_strdup_printf (_("Welcome, %s! You are now a member. Your points appear "
                                               "here after your first visit."), g_strstrip (first));

    set_label (self->join_message_label, text);
  }
}

static void
kiosk_loyalty_page_clear (KioskPage *page)
{
  KioskLoyaltyPage *self = KIOSK_LOYALTY_PAGE (page);

  gtk_editable_set_text (self->phone_entry, "");
  hide_result (self);
  set_label (self->lookup_message_label, NULL);
  clear_join_form (self);
  set_label (self->join_message_label, NULL);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->join_revealer), FALSE);

  kiosk_customer_search_clear (self->search);
  kiosk_loyalty_customer_clear (self->card);
  gtk_widget_set_visible (GTK_WIDGET (self->card), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->search), TRUE);
}

static GtkEditable *
add_entry (GtkWidget   *box,
           const char  *name,
           const char  *title,
           GtkInputPurpose purpose)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (title);
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_input_purpose (GTK_ENTRY (entry), purpose);
  gtk_widget_set_name (entry, name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  return GTK_EDITABLE (entry);
}

static void
build_self_service (KioskLoyaltyPage *self)
{
  GtkWidget *lookup = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *phone_label = gtk_label_new_with_mnemonic (_("Your _phone number"));
  GtkWidget *phone = gtk_entry_new ();
  GtkWidget *show = kiosk_button_new_with_mnemonic (_("_Show my points"));
  GtkWidget *join_button = kiosk_button_new_with_mnemonic (_("_Become a member"));
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *notice_scroller = gtk_scrolled_window_new ();
  /* The salon's legal text whose version the desk sends with the consent
   * (domain/kiosk-kvkk.h): Turkish and English together, not translated. */
  GtkWidget *notice = gtk_label_new (kiosk_kvkk_member_notice);
  GtkWidget *consent = gtk_check_button_new_with_mnemonic (_("I have read the privacy notice (KVKK) and _agree"));
  GtkWidget *join = kiosk_button_new_with_mnemonic (_("_Join"));

  gtk_widget_add_css_class (lookup, "rule-card");
  gtk_box_append (GTK_BOX (lookup), kiosk_heading_new (_("Your points")));

  gtk_label_set_xalign (GTK_LABEL (phone_label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (phone_label), phone);
  gtk_entry_set_input_purpose (GTK_ENTRY (phone), GTK_INPUT_PURPOSE_PHONE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (phone), "0555 123 45 67");
  gtk_widget_set_name (phone, "self-phone-entry");
  gtk_widget_set_hexpand (phone, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (phone), GTK_ACCESSIBLE_RELATION_LABELLED_BY, phone_label, NULL, -1);
  g_signal_connect_swapped (phone, "activate", G_CALLBACK (gtk_widget_activate), show);
  self->phone_entry = GTK_EDITABLE (phone);
  gtk_widget_set_name (show, "self-lookup-button");
  gtk_widget_add_css_class (show, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (show), "loyalty.lookup");
  gtk_box_append (GTK_BOX (row), phone);
  gtk_box_append (GTK_BOX (row), show);
  gtk_box_append (GTK_BOX (lookup), phone_label);
  gtk_box_append (GTK_BOX (lookup), row);

  self->result_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  self->result_name_label = GTK_LABEL (gtk_label_new (NULL));
  self->result_points_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->result_name_label), "self-name");
  gtk_widget_set_name (GTK_WIDGET (self->result_points_label), "self-points");
  gtk_widget_add_css_class (GTK_WIDGET (self->result_name_label), "rule-title");
  gtk_label_set_xalign (self->result_name_label, 0);
  gtk_label_set_xalign (self->result_points_label, 0);
  gtk_box_append (GTK_BOX (self->result_box), GTK_WIDGET (self->result_name_label));
  gtk_box_append (GTK_BOX (self->result_box), GTK_WIDGET (self->result_points_label));
  gtk_widget_set_visible (self->result_box, FALSE);
  gtk_box_append (GTK_BOX (lookup), self->result_box);

  self->lookup_message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->lookup_message_label), "self-message");
  gtk_label_set_wrap (self->lookup_message_label, TRUE);
  gtk_label_set_xalign (self->lookup_message_label, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->lookup_message_label), FALSE);
  gtk_box_append (GTK_BOX (lookup), GTK_WIDGET (self->lookup_message_label));

  gtk_widget_set_halign (join_button, GTK_ALIGN_START);
  gtk_widget_set_name (join_button, "become-member-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (join_button), "loyalty.show-join");
  gtk_box_append (GTK_BOX (lookup), join_button);

  self->first_entry = add_entry (form, "join-first-entry", _("_First name"), GTK_INPUT_PURPOSE_NAME);
  self->last_entry = add_entry (form, "join-last-entry", _("_Last name"), GTK_INPUT_PURPOSE_NAME);
  self->join_phone_entry = add_entry (form, "join-phone-entry", _("Phone _number"), GTK_INPUT_PURPOSE_PHONE);
  gtk_label_set_wrap (GTK_LABEL (notice), TRUE);
  gtk_label_set_xalign (GTK_LABEL (notice), 0);
  gtk_label_set_selectable (GTK_LABEL (notice), TRUE);
  gtk_widget_set_name (notice, "kvkk-notice");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (notice_scroller), notice);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (notice_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (notice_scroller, -1, 160);
  gtk_widget_add_css_class (notice_scroller, "frame");
  gtk_accessible_update_property (GTK_ACCESSIBLE (notice_scroller), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Privacy notice"), -1);
  gtk_box_append (GTK_BOX (form), notice_scroller);
  gtk_widget_set_name (consent, "consent-check");
  self->consent_check = GTK_CHECK_BUTTON (consent);
  gtk_box_append (GTK_BOX (form), consent);
  gtk_widget_set_halign (join, GTK_ALIGN_START);
  gtk_widget_set_name (join, "join-button");
  gtk_widget_add_css_class (join, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (join), "loyalty.join");
  gtk_box_append (GTK_BOX (form), join);

  self->join_revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (self->join_revealer), form);
  gtk_box_append (GTK_BOX (lookup), self->join_revealer);

  self->join_message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->join_message_label), "join-message");
  gtk_label_set_wrap (self->join_message_label, TRUE);
  gtk_label_set_xalign (self->join_message_label, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->join_message_label), FALSE);
  gtk_box_append (GTK_BOX (lookup), GTK_WIDGET (self->join_message_label));

  self->self_box = lookup;
  gtk_box_prepend (self->column, lookup);
}

/* ---- staff: search and card ------------------------------------------- */

static void
customer_activated_cb (KioskLoyaltyPage *self,
                       const char       *customer_id)
{
  kiosk_loyalty_customer_set_customer (self->card, customer_id);
  gtk_widget_set_visible (GTK_WIDGET (self->search), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->card), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->card));
}

static void
card_closed_cb (KioskLoyaltyPage *self)
{
  kiosk_loyalty_customer_clear (self->card);
  gtk_widget_set_visible (GTK_WIDGET (self->card), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->search), TRUE);
  /* The search stays as typed: the next customer is often on the same list. */
  kiosk_customer_search_focus (self->search);
}

static void
build_staff (KioskLoyaltyPage *self)
{
  self->staff_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (self->staff_box, "rule-card");
  gtk_box_append (GTK_BOX (self->staff_box), kiosk_heading_new (_("Find a customer")));
  self->search = KIOSK_CUSTOMER_SEARCH (kiosk_customer_search_new (kiosk_page_get_context (KIOSK_PAGE (self))));
  g_signal_connect_object (self->search, "customer-activated", G_CALLBACK (customer_activated_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->staff_box), GTK_WIDGET (self->search));
  self->card = KIOSK_LOYALTY_CUSTOMER (kiosk_loyalty_customer_new (kiosk_page_get_context (KIOSK_PAGE (self))));
  g_signal_connect_object (self->card, "close", G_CALLBACK (card_closed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->card), FALSE);
  gtk_box_append (GTK_BOX (self->staff_box), GTK_WIDGET (self->card));
  gtk_widget_set_visible (self->staff_box, FALSE);
  gtk_box_prepend (self->column, self->staff_box);
}

static void
staff_mode_changed_cb (KioskLoyaltyPage *self)
{
  gboolean staff = kiosk_page_get_staff_mode (KIOSK_PAGE (self));

  /* Whatever either side showed goes with the mode. */
  kiosk_loyalty_page_clear (KIOSK_PAGE (self));
  gtk_widget_set_visible (self->self_box, !staff);
  gtk_widget_set_visible (self->staff_box, staff);
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
kiosk_loyalty_page_constructed (GObject *object)
{
  KioskLoyaltyPage *self = KIOSK_LOYALTY_PAGE (object);

  G_OBJECT_CLASS (kiosk_loyalty_page_parent_class)->constructed (object);

  /* The search and the card need the context, known only now. */
  build_staff (self);
  g_signal_connect (self, "notify::staff-mode", G_CALLBACK (staff_mode_changed_cb), NULL);
  staff_mode_changed_cb (self);
}

static void
kiosk_loyalty_page_class_init (KioskLoyaltyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->constructed = kiosk_loyalty_page_constructed;
  object_class->dispose = kiosk_loyalty_page_dispose;
  widget_class->map = kiosk_loyalty_page_map;
  page_class->reload = kiosk_loyalty_page_reload;
  page_class->clear = kiosk_loyalty_page_clear;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-loyalty-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskLoyaltyPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KioskLoyaltyPage, rule_label);
  gtk_widget_class_bind_template_child (widget_class, KioskLoyaltyPage, levels_box);
  gtk_widget_class_bind_template_child (widget_class, KioskLoyaltyPage, column);

  gtk_widget_class_install_action (widget_class, "loyalty.lookup", NULL, lookup_action);
  gtk_widget_class_install_action (widget_class, "loyalty.show-join", NULL, show_join_action);
  gtk_widget_class_install_action (widget_class, "loyalty.join", NULL, join_action);
}

static void
kiosk_loyalty_page_init (KioskLoyaltyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_self_service (self);
}

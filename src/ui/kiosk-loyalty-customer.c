/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-loyalty-customer"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-time.h"
#include "kiosk-accessible.h"
#include "kiosk-desk-loyalty.h"
#include "kiosk-format.h"
#include "kiosk-loyalty-customer.h"
#include "kiosk-widgets.h"

/* A long-time customer has hundreds of entries; the newest say enough. */
#define HISTORY_SHOWN 50

enum {
  FACT_CURRENT,
  FACT_AVAILABLE,
  FACT_VISITS,
  FACT_SPENT,
  FACT_NEXT,
  N_FACTS
};

struct _KioskLoyaltyCustomer
{
  GtkWidget      parent_instance;

  KioskContext  *context;
  char          *customer_id;
  char          *full_name;
  gint64         available;
  /* The redemption made last here, for its pending badge. */
  char          *redeemed_id;
  gint64         to_redeem;

  GtkLabel      *name_label;
  GtkLabel      *details_label;
  GtkWidget     *facts_box;
  GtkWidget     *tiles[N_FACTS];
  GtkLabel      *values[N_FACTS];
  GtkLabel      *captions[N_FACTS];
  char          *level_class;
  GtkEditable   *points_entry;
  GtkEditable   *reason_entry;
  GtkWidget     *confirm_box;
  GtkLabel      *confirm_label;
  GtkWidget     *message_box;
  GtkLabel      *message_label;
  GtkWidget     *message_badge;
  GtkListBox    *history_list;
};

G_DEFINE_FINAL_TYPE (KioskLoyaltyCustomer, kiosk_loyalty_customer, GTK_TYPE_WIDGET)

enum {
  CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
kiosk_loyalty_customer_new (KioskContext *context)
{
  KioskLoyaltyCustomer *self = g_object_new (KIOSK_TYPE_LOYALTY_CUSTOMER, NULL);

  self->context = g_object_ref (context);
  return GTK_WIDGET (self);
}

const char *
kiosk_loyalty_customer_get_customer (KioskLoyaltyCustomer *self)
{
  g_return_val_if_fail (KIOSK_IS_LOYALTY_CUSTOMER (self), NULL);
  return self->customer_id;
}

static char *
format_points (gint64 points)
{
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, points);

  /* Translators: a number of points. */
  return g_strdup_printf (ngettext ("%s point", "%s points", (gulong) ABS (points)), count);
}

static void
show_message (KioskLoyaltyCustomer *self,
              const char           *text,
              gboolean              pending)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (self->message_badge, pending);
  gtk_widget_set_visible (self->message_box, text != NULL && *text != '\0');
}

static void
hide_confirmation (KioskLoyaltyCustomer *self)
{
  gtk_widget_set_visible (self->confirm_box, FALSE);
  gtk_label_set_text (self->confirm_label, "");
  self->to_redeem = 0;
}

static GtkWidget *
make_history_row (const KioskPointEntry *entry,
                  GTimeZone             *tz)
{
  g_autoptr(GDateTime) parsed = entry->created_at != NULL ? g_date_time_new_from_iso8601 (entry->created_at, NULL) : NULL;
  g_autoptr(GDateTime) local = parsed != NULL ? g_date_time_to_timezone (parsed, tz) : NULL;
  g_autofree char *when = NULL;
  g_autofree char *amount = NULL;
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *amount_label;
  const char *title;

  if (local != NULL)
    {
      g_autofree char *date = g_date_time_format (local, "%x");
      g_autofree char *time = kiosk_format_time (kiosk_time_of_day (local));

      /* Translators: a date, then a time of day: "26.11.2026 14:05". */
      when = g_strdup_printf (_("%s %s"), date, time);
    }
  if (entry->reason != NULL && *entry->reason != '\0')
    title = entry->reason;
  else
    title = entry->points < 0 ? _("Points used") : _("Points earned");

  /* A minus sign, not a hyphen, for what was taken away. */
  amount = entry->points < 0 ? g_strdup_printf ("−%" G_GINT64_FORMAT, -entry->points)
                             : g_strdup_printf ("+%" G_GINT64_FORMAT, entry->points);
  amount_label = gtk_label_new (amount);
  gtk_widget_add_css_class (amount_label, "numeric");
  gtk_widget_add_css_class (amount_label, "row-title");
  if (entry->pending)
    gtk_box_append (GTK_BOX (suffix), kiosk_pending_badge_new ());
  gtk_box_append (GTK_BOX (suffix), amount_label);

  return kiosk_row_new (title, when, NULL, suffix);
}

/* A tile: the figure large, what it is below it. */
static void
make_tile (KioskLoyaltyCustomer *self,
           guint                 fact)
{
  GtkWidget *tile = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *value = gtk_label_new (NULL);
  GtkWidget *caption = gtk_label_new (NULL);

  gtk_widget_add_css_class (tile, "level-card");
  gtk_widget_add_css_class (value, "level-name");
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (caption, "level-threshold");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_justify (GTK_LABEL (value), GTK_JUSTIFY_CENTER);
  gtk_label_set_justify (GTK_LABEL (caption), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (tile), value);
  gtk_box_append (GTK_BOX (tile), caption);
  gtk_box_append (GTK_BOX (self->facts_box), tile);
  self->tiles[fact] = tile;
  self->values[fact] = GTK_LABEL (value);
  self->captions[fact] = GTK_LABEL (caption);
}

static void
set_fact (KioskLoyaltyCustomer *self,
          guint                 fact,
          const char           *value,
          const char           *caption)
{
  g_autofree char *accessible = g_strdup_printf ("%s: %s", caption, value);

  gtk_label_set_text (self->values[fact], value);
  gtk_label_set_text (self->captions[fact], caption);
  /* Read as one: "Available to redeem: 150 points". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tiles[fact]), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
set_level_class (KioskLoyaltyCustomer *self,
                 const char           *level_class)
{
  for (guint i = 0; i < N_FACTS; i++)
    {
      if (self->level_class != NULL)
        gtk_widget_remove_css_class (self->tiles[i], self->level_class);
      if (level_class != NULL)
        gtk_widget_add_css_class (self->tiles[i], level_class);
    }
  g_free (self->level_class);
  self->level_class = g_strdup (level_class);
}

void
kiosk_loyalty_customer_reload (KioskLoyaltyCustomer *self)
{
  g_autoptr(KioskLoyaltyCard) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *details = NULL;
  g_autofree char *text = NULL;
  const KioskCustomer *c;
  gboolean redeemed_pending = FALSE;

  g_return_if_fail (KIOSK_IS_LOYALTY_CUSTOMER (self));

  kiosk_list_box_remove_all (self->history_list);
  if (self->customer_id == NULL || self->context == NULL)
    return;

  card = kiosk_desk_loyalty_card (self->context, self->customer_id, &error);
  if (card == NULL)
    {
      g_warning ("Cannot read a loyalty card: %s", error->message);
      gtk_label_set_text (self->name_label, _("This customer's card cannot be read right now."));
      gtk_label_set_text (self->details_label, error->message);
      gtk_widget_set_visible (self->facts_box, FALSE);
      return;
    }
  c = card->customer;
  now = kiosk_context_dup_now (self->context);

  g_free (self->full_name);
  self->full_name = g_strstrip (g_strdup_printf ("%s %s", c->first_name != NULL ? c->first_name : "",
                                                 c->last_name != NULL ? c->last_name : ""));
  self->available = card->available;
  phone = kiosk_format_phone (c->phone != NULL ? c->phone : "");
  /* Translators: "<phone> · <level>", e.g. "0532 123 45 67 · Gold". */
  details = g_strdup_printf (_("%s · %s"), phone, kiosk_format_level_name (c->loyalty_level));
  gtk_label_set_text (self->name_label, self->full_name);
  gtk_label_set_text (self->details_label, details);
  gtk_widget_set_visible (self->facts_box, TRUE);

  {
    g_autofree char *level_class = g_strdup_printf ("level-%s", kiosk_loyalty_level_to_string (c->loyalty_level));

    set_level_class (self, level_class);
  }
  text = format_points (c->current_points);
  set_fact (self, FACT_CURRENT, text, _("Current points"));
  g_clear_pointer (&text, g_free);
  text = format_points (card->available);
  if (card->pending_redeemed > 0)
    {
      g_autofree char *waiting = format_points (card->pending_redeemed);
      /* Translators: "Available to redeem (50 points being redeemed)". */
      g_autofree char *caption = g_strdup_printf (_("Available to redeem (%s being redeemed)"), waiting);

      set_fact (self, FACT_AVAILABLE, text, caption);
    }
  else
    set_fact (self, FACT_AVAILABLE, text, _("Available to redeem"));
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%" G_GINT64_FORMAT, c->total_visits);
  set_fact (self, FACT_VISITS, text, _("Visits"));
  g_clear_pointer (&text, g_free);
  text = kiosk_format_money (c->total_spent);
  set_fact (self, FACT_SPENT, text, _("Total spent"));
  g_clear_pointer (&text, g_free);
  if (card->has_next_level)
    {
      g_autofree char *caption = NULL;

      text = kiosk_format_money_compact (card->spend_to_next);
      /* Translators: below an amount of money: "₺212" / "more to spend to reach Gold". */
      caption = g_strdup_printf (_("more to spend to reach %s"), kiosk_format_level_name (card->next_level));
      set_fact (self, FACT_NEXT, text, caption);
    }
  else
    set_fact (self, FACT_NEXT, kiosk_format_level_name (c->loyalty_level), _("Highest level reached"));
  g_clear_pointer (&text, g_free);

  for (guint i = 0; i < card->history->len && i < HISTORY_SHOWN; i++)
    {
      const KioskPointEntry *entry = g_ptr_array_index (card->history, i);

      gtk_list_box_append (self->history_list, make_history_row (entry, g_date_time_get_timezone (now)));
      if (self->redeemed_id != NULL && g_strcmp0 (entry->id, self->redeemed_id) == 0)
        redeemed_pending = entry->pending;
    }
  /* Once the server accepted the redemption the message loses its badge. */
  if (self->redeemed_id != NULL)
    gtk_widget_set_visible (self->message_badge, redeemed_pending);
}

gboolean
kiosk_loyalty_customer_set_customer (KioskLoyaltyCustomer *self,
                                     const char           *customer_id)
{
  g_return_val_if_fail (KIOSK_IS_LOYALTY_CUSTOMER (self), FALSE);

  kiosk_loyalty_customer_clear (self);
  self->customer_id = g_strdup (customer_id);
  kiosk_loyalty_customer_reload (self);
  return gtk_widget_get_visible (self->facts_box);
}

void
kiosk_loyalty_customer_clear (KioskLoyaltyCustomer *self)
{
  g_return_if_fail (KIOSK_IS_LOYALTY_CUSTOMER (self));

  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->full_name, g_free);
  g_clear_pointer (&self->redeemed_id, g_free);
  self->available = 0;
  gtk_label_set_text (self->name_label, "");
  gtk_label_set_text (self->details_label, "");
  for (guint i = 0; i < N_FACTS; i++)
    set_fact (self, i, "", "");
  set_level_class (self, NULL);
  gtk_editable_set_text (self->points_entry, "");
  gtk_editable_set_text (self->reason_entry, "");
  hide_confirmation (self);
  show_message (self, NULL, FALSE);
  kiosk_list_box_remove_all (self->history_list);
}

/* ---- redeeming ------------------------------------------------------------ */

static gboolean
parse_points (const char *text,
              gint64     *points)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  guint64 value = 0;

  /* "1 000", "1.000" and "1000" are the same number to a person. */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '.' && *p != ',' && *p != '\'')
        return FALSE;
    }
  if (digits->len == 0 || digits->len > 12)
    return FALSE;
  if (!g_ascii_string_to_unsigned (digits->str, 10, 1, G_MAXINT32, &value, NULL))
    return FALSE;
  *points = (gint64) value;
  return TRUE;
}

static void
redeem_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KioskLoyaltyCustomer *self = KIOSK_LOYALTY_CUSTOMER (widget);
  g_autofree char *points_text = NULL;
  g_autofree char *left_text = NULL;
  g_autofree char *question = NULL;
  gint64 points = 0;

  hide_confirmation (self);
  if (self->customer_id == NULL)
    return;
  if (!parse_points (gtk_editable_get_text (self->points_entry), &points))
    {
      show_message (self, _("Type how many points to redeem, as a whole number greater than zero."), FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->points_entry));
      return;
    }
  /* Refused on the spot: no question for what cannot be done. */
  if (points > self->available)
    {
      g_autofree char *avail = format_points (self->available);
      /* Translators: %s is a number of points ("150 points"). */
      g_autofree char *text = g_strdup_printf (_("Not enough points: %s available to redeem."), avail);

      show_message (self, text, FALSE);
      return;
    }

  show_message (self, NULL, FALSE);
  self->to_redeem = points;
  points_text = g_strdup_printf ("%" G_GINT64_FORMAT, points);
  left_text = g_strdup_printf ("%" G_GINT64_FORMAT, self->available - points);
  /* Translators: "Redeem 200 points for Ayşe Yılmaz? 150 will be left." */
  question = g_strdup_printf (ngettext ("Redeem %s point for %s? %s will be left.",
                                        "Redeem %s points for %s? %s will be left.",
                                        (gulong) points),
                              points_text, self->full_name, left_text);
  gtk_label_set_text (self->confirm_label, question);
  gtk_widget_set_visible (self->confirm_box, TRUE);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KioskLoyaltyCustomer *self = KIOSK_LOYALTY_CUSTOMER (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (self->reason_entry)));
  g_autofree char *id = NULL;
  gint64 points = self->to_redeem;

  hide_confirmation (self);
  if (self->customer_id == NULL || points <= 0)
    return;
  if (*reason == '\0')
    {
      g_free (reason);
      reason = g_strdup (_("Redeemed at the front desk"));
    }

  id = kiosk_desk_redeem (self->context, self->customer_id, points, reason, &error);
  if (id == NULL)
    {
      /* The desk's sentence: too few points, or the replica's trouble. */
      show_message (self, error->message, FALSE);
      return;
    }

  g_free (self->redeemed_id);
  self->redeemed_id = g_steal_pointer (&id);
  gtk_editable_set_text (self->points_entry, "");
  gtk_editable_set_text (self->reason_entry, "");
  {
    g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, points);
    /* Translators: "200 points redeemed for Ayşe Yılmaz." */
    g_autofree char *text = g_strdup_printf (ngettext ("%s point redeemed for %s.", "%s points redeemed for %s.",
                                                       (gulong) points),
                                             count, self->full_name);

    show_message (self, text, TRUE);
  }
  /* The desk notified replica-changed; read the card now all the same, so
   * that the new entry and the lower balance show at once. */
  kiosk_loyalty_customer_reload (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  hide_confirmation (KIOSK_LOYALTY_CUSTOMER (widget));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSE], 0);
}

/* ---- building ------------------------------------------------------------- */

static GtkEditable *
add_entry (GtkWidget       *box,
           const char      *title,
           GtkInputPurpose  purpose)
{
  GtkWidget *field = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new_with_mnemonic (title);
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_input_purpose (GTK_ENTRY (entry), purpose);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (field), label);
  gtk_box_append (GTK_BOX (field), entry);
  gtk_box_append (GTK_BOX (box), field);
  return GTK_EDITABLE (entry);
}

static GtkWidget *
action_button (const char *mnemonic,
               const char *action,
               const char *css_class)
{
  GtkWidget *button = kiosk_button_new_with_mnemonic (mnemonic);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  gtk_widget_set_valign (button, GTK_ALIGN_END);
  return button;
}

static void
build (KioskLoyaltyCustomer *self)
{
  GtkWidget *root = GTK_WIDGET (self);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *redeem = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *fields = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  self->name_label = GTK_LABEL (g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "wrap", TRUE,
                                              "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "rule-title");
  self->details_label = GTK_LABEL (g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "wrap", TRUE, NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->details_label), "dim-label");
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->name_label));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->details_label));
  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (GTK_BOX (header), action_button (_("_Back to search"), "card.close", NULL));
  gtk_widget_set_parent (header, root);

  self->facts_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (self->facts_box), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->facts_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Loyalty card"), -1);
  for (guint i = 0; i < N_FACTS; i++)
    make_tile (self, i);
  gtk_widget_set_parent (self->facts_box, root);

  gtk_widget_add_css_class (redeem, "rule-card");
  gtk_box_append (GTK_BOX (redeem), kiosk_heading_new (_("Redeem points")));
  self->points_entry = add_entry (fields, _("_Points to redeem"), GTK_INPUT_PURPOSE_DIGITS);
  self->reason_entry = add_entry (fields, _("_Reason"), GTK_INPUT_PURPOSE_FREE_FORM);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->reason_entry), _("Redeemed at the front desk"));
  gtk_widget_set_hexpand (gtk_widget_get_parent (GTK_WIDGET (self->reason_entry)), TRUE);
  gtk_box_append (GTK_BOX (fields), action_button (_("Re_deem…"), "card.redeem", "suggested-action"));
  gtk_box_append (GTK_BOX (redeem), fields);

  self->confirm_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  self->confirm_label = GTK_LABEL (g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "wrap", TRUE, NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->confirm_label), "rule-title");
  gtk_box_append (GTK_BOX (self->confirm_box), GTK_WIDGET (self->confirm_label));
  gtk_box_append (GTK_BOX (buttons), action_button (_("_Yes, redeem"), "card.confirm", "suggested-action"));
  gtk_box_append (GTK_BOX (buttons), action_button (_("_Cancel"), "card.cancel", NULL));
  gtk_box_append (GTK_BOX (self->confirm_box), buttons);
  gtk_widget_set_visible (self->confirm_box, FALSE);
  gtk_box_append (GTK_BOX (redeem), self->confirm_box);

  self->message_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->message_label = GTK_LABEL (g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "wrap", TRUE, NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "rule-title");
  self->message_badge = kiosk_pending_badge_new ();
  gtk_box_append (GTK_BOX (self->message_box), GTK_WIDGET (self->message_label));
  gtk_box_append (GTK_BOX (self->message_box), self->message_badge);
  gtk_widget_set_visible (self->message_box, FALSE);
  gtk_box_append (GTK_BOX (redeem), self->message_box);
  gtk_widget_set_parent (redeem, root);

  gtk_widget_set_parent (kiosk_heading_new (_("History")), root);
  self->history_list = GTK_LIST_BOX (kiosk_card_list_new (_("No points collected or used yet.")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->history_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("History"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->history_list), root);
}

/* Enter in the points field asks, as the button does. */
static void
points_activate_cb (GtkEntry             *entry,
                    KioskLoyaltyCustomer *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "card.redeem", NULL);
}

static void
kiosk_loyalty_customer_dispose (GObject *object)
{
  KioskLoyaltyCustomer *self = KIOSK_LOYALTY_CUSTOMER (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kiosk_loyalty_customer_parent_class)->dispose (object);
}

static void
kiosk_loyalty_customer_finalize (GObject *object)
{
  KioskLoyaltyCustomer *self = KIOSK_LOYALTY_CUSTOMER (object);

  g_free (self->customer_id);
  g_free (self->full_name);
  g_free (self->redeemed_id);
  g_free (self->level_class);

  G_OBJECT_CLASS (kiosk_loyalty_customer_parent_class)->finalize (object);
}

static gboolean
kiosk_loyalty_customer_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (KIOSK_LOYALTY_CUSTOMER (widget)->points_entry));
}

static void
kiosk_loyalty_customer_class_init (KioskLoyaltyCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_loyalty_customer_dispose;
  object_class->finalize = kiosk_loyalty_customer_finalize;
  widget_class->grab_focus = kiosk_loyalty_customer_grab_focus;

  signals[CLOSE] = g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "card.redeem", NULL, redeem_action);
  gtk_widget_class_install_action (widget_class, "card.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "card.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "card.close", NULL, close_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskloyaltycustomer");
}

static void
kiosk_loyalty_customer_init (KioskLoyaltyCustomer *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 16);
  build (self);
  g_signal_connect (self->points_entry, "activate", G_CALLBACK (points_activate_cb), self);
}

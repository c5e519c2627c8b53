/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * "Needs attention": every change the server refused and every change held
 * behind one, each with what it was, when it was done at the desk, the
 * reason in words and what staff can do about it. Dismissing asks for a
 * confirmation (and an optional note) inside the row, never in a dialog.
 */
#define G_LOG_DOMAIN "kiosk-refused-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "kiosk-context-reads.h"
#include "kiosk-desk-refused.h"
#include "kiosk-format.h"
#include "kiosk-refused-page.h"
#include "kiosk-widgets.h"

/* The widgets of one row the actions need; the list owns them. */
typedef struct
{
  gint64       entry_id;
  GtkWidget   *row;
  GtkWidget   *actions;
  GtkRevealer *confirm;
  GtkEditable *note;
  GtkLabel    *error;
} RowParts;

struct _KioskRefusedPage
{
  KioskPage   parent_instance;

  GtkLabel   *summary_label;
  GtkLabel   *error_label;
  GtkListBox *list;

  GHashTable *rows;   /* gint64 * entry id → RowParts * */
};

G_DEFINE_FINAL_TYPE (KioskRefusedPage, kiosk_refused_page, KIOSK_TYPE_PAGE)

GtkWidget *
kiosk_refused_page_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_REFUSED_PAGE, "context", context, NULL);
}

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL && *message != '\0');
}

/* "today 14:30", "tomorrow 14:30", else "Thu 14:30". */
static char *
format_slot_when (GDateTime  *now,
                  const char *date,
                  int         start)
{
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GDateTime) next_day = g_date_time_add_days (now, 1);
  g_autofree char *tomorrow = g_date_time_format (next_day, "%Y-%m-%d");
  g_autofree char *time = kiosk_format_time (start);
  int y = 0, m = 0, d = 0;

  if (g_strcmp0 (date, today) == 0)
    /* Translators: when the next free slot is, e.g. "today 14:30". */
    return g_strdup_printf (_("today %s"), time);
  if (g_strcmp0 (date, tomorrow) == 0)
    /* Translators: when the next free slot is, e.g. "tomorrow 14:30". */
    return g_strdup_printf (_("tomorrow %s"), time);
  if (date != NULL && sscanf (date, "%d-%d-%d", &y, &m, &d) == 3)
    {
      g_autoptr(GDateTime) day = g_date_time_new (g_date_time_get_timezone (now), y, m, d, 0, 0, 0);

      if (day != NULL)
        {
          /* Translators: an abbreviated weekday in g_date_time_format()
           * syntax, before a time: "Thu 14:30" / "Prş 14:30". */
          g_autofree char *weekday = g_date_time_format (day, _("%a"));

          /* Translators: weekday, then the time: "Thu 14:30". */
          return g_strdup_printf (_("%s %s"), weekday, time);
        }
    }
  return g_steal_pointer (&time);
}

static char *
employee_first_name (KioskContext *context,
                     const char   *employee_id)
{
  g_autoptr(GPtrArray) employees = NULL;

  if (employee_id == NULL)
    return NULL;
  employees = kiosk_context_list_employees (context, NULL);
  for (guint i = 0; employees != NULL && i < employees->len; i++)
    {
      const KioskEmployee *employee = g_ptr_array_index (employees, i);

      if (g_strcmp0 (employee->id, employee_id) == 0 && employee->name != NULL)
        {
          g_autofree char *name = g_strstrip (g_strdup (employee->name));
          g_auto(GStrv) words = g_strsplit (name, " ", 2);

          return g_strdup (words[0] != NULL && *words[0] != '\0' ? words[0] : employee->name);
        }
    }
  return NULL;
}

static char *
format_done_at (GDateTime *now,
                gint64     created_at)
{
  g_autoptr(GDateTime) epoch = g_date_time_new_from_unix_utc (0);
  g_autoptr(GDateTime) utc = created_at > 0 ? g_date_time_add (epoch, created_at) : NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time = NULL;

  if (utc == NULL)
    return g_strdup (_("Done at the desk"));
  when = g_date_time_to_timezone (utc, g_date_time_get_timezone (now));
  time = g_date_time_format (when, "%H:%M");
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    /* Translators: when a refused change was made, e.g. "Done at the desk today at 14:05". */
    return g_strdup_printf (_("Done at the desk today at %s"), time);
  else
    {
      g_autofree char *date = kiosk_format_long_date (when);

      /* Translators: the long date, then the time. */
      return g_strdup_printf (_("Done at the desk on %s at %s"), date, time);
    }
}

static GtkWidget *
make_button (const char *label,
             const char *action,
             gint64      entry_id,
             const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (entry_id));
  gtk_widget_add_css_class (button, "refused-action");
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);

  return button;
}

static void
on_note_activate (GtkWidget *entry)
{
  const gint64 *entry_id = g_object_get_data (G_OBJECT (entry), "entry-id");

  /* Enter in the note confirms, as the "Yes, dismiss" button does. */
  if (entry_id != NULL)
    gtk_widget_activate_action (entry, "refused.confirm-dismiss", "x", *entry_id);
}

static GtkWidget *
make_row (KioskRefusedPage         *self,
          GDateTime                *now,
          const KioskRefusedChange *change)
{
  KioskContext *context = kiosk_page_get_context (KIOSK_PAGE (self));
  gboolean held = change->state == KIOSK_OUTBOX_HELD;
  RowParts *parts = g_new0 (RowParts, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", held ? "media-playback-pause-symbolic" : "dialog-warning-symbolic",
                                  "pixel-size", 24,
                                  "valign", GTK_ALIGN_START,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);
  const char *what = change->what != NULL && *change->what != '\0' ? change->what
                                                                    : kiosk_outbox_kind_to_string (change->kind);
  GtkWidget *title = gtk_label_new (what);
  g_autofree char *done_at = format_done_at (now, change->created_at);
  GtkWidget *when = gtk_label_new (done_at);
  g_autofree char *reason_text = NULL;
  GtkWidget *reason;
  GtkWidget *badge;
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *confirm_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *confirm_buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *confirm_text;
  GtkWidget *note = gtk_entry_new ();
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *error = gtk_label_new (NULL);
  g_autofree char *accessible = NULL;

  parts->entry_id = change->entry_id;
  parts->row = row;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "kiosk-row");
  gtk_widget_add_css_class (row, "refused-row");
  if (held)
    gtk_widget_add_css_class (row, "held");

  /* What it was, when, and its state in words. */
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "row-title");
  gtk_label_set_xalign (GTK_LABEL (when), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (when), TRUE);
  gtk_widget_add_css_class (when, "row-subtitle");
  gtk_widget_add_css_class (when, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), when);
  badge = held ? kiosk_badge_new (_("Held"), "status-pending")
               : kiosk_badge_new (_("Refused"), "status-cancelled");
  gtk_widget_set_valign (badge, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (top), icon);
  gtk_box_append (GTK_BOX (top), text);
  gtk_box_append (GTK_BOX (top), badge);
  gtk_box_append (GTK_BOX (box), top);

  /* Why, in words. */
  if (change->reason != NULL && *change->reason != '\0')
    /* Translators: the reason a change was refused, as the server gave it. */
    reason_text = g_strdup_printf (_("Reason: %s"), change->reason);
  else if (held)
    reason_text = g_strdup (_("Reason: it waits for another change that the server refused."));
  else
    reason_text = g_strdup (_("Reason: the server gave none."));
  reason = gtk_label_new (reason_text);
  gtk_label_set_xalign (GTK_LABEL (reason), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (reason, "refused-reason");
  gtk_box_append (GTK_BOX (box), reason);

  /* What can be done. */
  gtk_widget_add_css_class (actions, "refused-actions");
  if ((change->actions & KIOSK_REFUSED_ACTION_BOOK_NEXT_SLOT) != 0 && change->next_slot != NULL)
    {
      g_autofree char *slot_when = format_slot_when (now, change->next_slot->date, change->next_slot->start);
      g_autofree char *employee = employee_first_name (context, change->next_slot->employee);
      g_autofree char *label = employee != NULL
        /* Translators: the day and time, then the employee's first name:
         * "Book next free slot (Thu 14:30, Ayşe)". */
        ? g_strdup_printf (_("Book next free slot (%s, %s)"), slot_when, employee)
        /* Translators: "Book next free slot (Thu 14:30)". */
        : g_strdup_printf (_("Book next free slot (%s)"), slot_when);

      gtk_box_append (GTK_BOX (actions), make_button (label, "refused.book-next", change->entry_id, "suggested-action"));
    }
  if ((change->actions & KIOSK_REFUSED_ACTION_MERGE_CUSTOMER) != 0)
    {
      GtkWidget *button = make_button (_("Use the existing customer"), "refused.merge",
                                       change->entry_id, "suggested-action");
      g_autoptr(KioskCustomer) existing = change->existing_customer != NULL
        ? kiosk_context_get_customer (context, change->existing_customer, NULL) : NULL;

      if (existing != NULL && existing->first_name != NULL)
        {
          g_autofree char *name = g_strdup_printf ("%s %s", existing->first_name,
                                                   existing->last_name != NULL ? existing->last_name : "");
          /* Translators: the tooltip of "Use the existing customer": the
           * customer the server already has with this phone number. */
          g_autofree char *tip = g_strdup_printf (_("The server already has this phone number for %s"),
                                                  g_strstrip (name));

          gtk_widget_set_tooltip_text (button, tip);
        }
      gtk_box_append (GTK_BOX (actions), button);
    }
  if ((change->actions & KIOSK_REFUSED_ACTION_DISMISS) != 0)
    gtk_box_append (GTK_BOX (actions), make_button (_("Dismiss"), "refused.ask-dismiss", change->entry_id, NULL));
  gtk_box_append (GTK_BOX (box), actions);
  parts->actions = actions;

  /* The confirmation, inside the row. */
  confirm_text = gtk_label_new (_("Dismiss this change? The desk goes back to what the server has, "
                                  "and nothing of it is uploaded."));
  gtk_label_set_xalign (GTK_LABEL (confirm_text), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (confirm_text), TRUE);
  gtk_box_append (GTK_BOX (confirm_box), confirm_text);
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Note for the team (optional)"));
  gtk_entry_set_max_length (GTK_ENTRY (note), 500);
  gtk_accessible_update_property (GTK_ACCESSIBLE (note),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Why the change is dismissed (optional)"),
                                  -1);
  g_object_set_data_full (G_OBJECT (note), "entry-id",
                          g_memdup2 (&change->entry_id, sizeof change->entry_id), g_free);
  g_signal_connect (note, "activate", G_CALLBACK (on_note_activate), NULL);
  gtk_box_append (GTK_BOX (confirm_box), note);
  gtk_box_append (GTK_BOX (confirm_buttons),
                  make_button (_("Yes, dismiss"), "refused.confirm-dismiss", change->entry_id, "destructive-action"));
  gtk_box_append (GTK_BOX (confirm_buttons),
                  make_button (_("Keep it"), "refused.cancel-dismiss", change->entry_id, NULL));
  gtk_box_append (GTK_BOX (confirm_box), confirm_buttons);
  gtk_widget_add_css_class (confirm_box, "refused-confirm");
  gtk_revealer_set_child (GTK_REVEALER (revealer), confirm_box);
  gtk_revealer_set_transition_type (GTK_REVEALER (revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_box_append (GTK_BOX (box), revealer);
  parts->confirm = GTK_REVEALER (revealer);
  parts->note = GTK_EDITABLE (note);

  /* What went wrong with an action, next to it. */
  gtk_label_set_xalign (GTK_LABEL (error), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_widget_add_css_class (error, "inline-error");
  gtk_widget_set_visible (error, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (error),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Error"),
                                  -1);
  gtk_box_append (GTK_BOX (box), error);
  parts->error = GTK_LABEL (error);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  accessible = g_strdup_printf ("%s, %s. %s", what, done_at, reason_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, what,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible,
                                  -1);

  g_hash_table_insert (self->rows, &parts->entry_id, parts);
  return row;
}

static void
kiosk_refused_page_reload (KioskPage *page)
{
  KioskRefusedPage *self = KIOSK_REFUSED_PAGE (page);
  KioskContext *context = kiosk_page_get_context (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = kiosk_desk_list_refused (context, &error);
  g_autoptr(GDateTime) now = kiosk_context_dup_now (context);
  guint refused = 0, held = 0;

  kiosk_list_box_remove_all (self->list);
  g_hash_table_remove_all (self->rows);

  if (changes == NULL)
    {
      g_warning ("Cannot list the refused changes: %s", error->message);
      show_error (self->error_label, error->message);
      gtk_label_set_text (self->summary_label, _("The refused changes cannot be read right now."));
      return;
    }
  show_error (self->error_label, NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      const KioskRefusedChange *change = g_ptr_array_index (changes, i);

      gtk_list_box_append (self->list, make_row (self, now, change));
      if (change->state == KIOSK_OUTBOX_HELD)
        held++;
      else
        refused++;
    }

  if (changes->len == 0)
    gtk_label_set_text (self->summary_label,
                        _("Changes the server refuses show here, with what can be done about them."));
  else
    {
      g_autofree char *summary = g_strdup_printf (ngettext ("%u change was refused by the server.",
                                                            "%u changes were refused by the server.", refused),
                                                  refused);

      if (held > 0)
        {
          g_autofree char *more = g_strdup_printf (ngettext ("%u more waits behind them.",
                                                             "%u more wait behind them.", held),
                                                   held);
          g_autofree char *both = g_strdup_printf ("%s %s", summary, more);

          gtk_label_set_text (self->summary_label, both);
        }
      else
        gtk_label_set_text (self->summary_label, summary);
    }
}

static void
kiosk_refused_page_clear (KioskPage *page)
{
  KioskRefusedPage *self = KIOSK_REFUSED_PAGE (page);
  GHashTableIter iter;
  gpointer value;

  /* A half-typed note and an open confirmation go with the staff member. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RowParts *parts = value;

      gtk_editable_set_text (parts->note, "");
      gtk_revealer_set_reveal_child (parts->confirm, FALSE);
      gtk_widget_set_visible (parts->actions, TRUE);
      show_error (parts->error, NULL);
    }
  show_error (self->error_label, NULL);
}

static RowParts *
lookup_row (KioskRefusedPage *self,
            GVariant         *parameter)
{
  gint64 entry_id = g_variant_get_int64 (parameter);

  return g_hash_table_lookup (self->rows, &entry_id);
}

/* After an action the list reloads (replica-changed) and the row may be
 * gone: keep the keyboard on the list rather than nowhere. */
static void
refocus_list (KioskRefusedPage *self)
{
  GtkWidget *first = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, 0));
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return;
  if (first != NULL)
    gtk_widget_child_focus (first, GTK_DIR_TAB_FORWARD);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->list));
}

static void
finish_action (KioskRefusedPage *self,
               gint64            entry_id,
               gboolean          ok,
               GError           *error)
{
  RowParts *parts = g_hash_table_lookup (self->rows, &entry_id);

  if (ok)
    {
      /* The desk said replica-changed: the list has reloaded already. */
      refocus_list (self);
      return;
    }
  g_debug ("Action on refused change %" G_GINT64_FORMAT " failed: %s", entry_id, error->message);
  if (parts != NULL)
    show_error (parts->error, error->message);
  else
    show_error (self->error_label, error->message);
}

static void
book_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KioskRefusedPage *self = KIOSK_REFUSED_PAGE (widget);
  gint64 entry_id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  gboolean ok = kiosk_desk_refused_book_next (kiosk_page_get_context (KIOSK_PAGE (self)), entry_id, &error);

  finish_action (self, entry_id, ok, error);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KioskRefusedPage *self = KIOSK_REFUSED_PAGE (widget);
  gint64 entry_id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  gboolean ok = kiosk_desk_refused_merge (kiosk_page_get_context (KIOSK_PAGE (self)), entry_id, &error);

  finish_action (self, entry_id, ok, error);
}

static void
ask_dismiss_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RowParts *parts = lookup_row (KIOSK_REFUSED_PAGE (widget), parameter);

  if (parts == NULL)
    return;
  show_error (parts->error, NULL);
  gtk_widget_set_visible (parts->actions, FALSE);
  gtk_revealer_set_reveal_child (parts->confirm, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (parts->note));
}

static void
cancel_dismiss_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RowParts *parts = lookup_row (KIOSK_REFUSED_PAGE (widget), parameter);
  GtkWidget *first;

  if (parts == NULL)
    return;
  gtk_editable_set_text (parts->note, "");
  gtk_revealer_set_reveal_child (parts->confirm, FALSE);
  gtk_widget_set_visible (parts->actions, TRUE);
  first = gtk_widget_get_first_child (parts->actions);
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

static void
confirm_dismiss_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KioskRefusedPage *self = KIOSK_REFUSED_PAGE (widget);
  RowParts *parts = lookup_row (self, parameter);
  gint64 entry_id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  gboolean ok;

  if (parts == NULL)
    return;
  note = g_strstrip (g_strdup (gtk_editable_get_text (parts->note)));
  ok = kiosk_desk_refused_dismiss (kiosk_page_get_context (KIOSK_PAGE (self)), entry_id,
                                   *note != '\0' ? note : NULL, &error);
  finish_action (self, entry_id, ok, error);
}

static void
kiosk_refused_page_dispose (GObject *object)
{
  KioskRefusedPage *self = KIOSK_REFUSED_PAGE (object);

  if (self->rows != NULL)
    g_hash_table_remove_all (self->rows);
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_REFUSED_PAGE);

  G_OBJECT_CLASS (kiosk_refused_page_parent_class)->dispose (object);
}

static void
kiosk_refused_page_finalize (GObject *object)
{
  KioskRefusedPage *self = KIOSK_REFUSED_PAGE (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (kiosk_refused_page_parent_class)->finalize (object);
}

static void
kiosk_refused_page_class_init (KioskRefusedPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_refused_page_dispose;
  object_class->finalize = kiosk_refused_page_finalize;
  page_class->reload = kiosk_refused_page_reload;
  page_class->clear = kiosk_refused_page_clear;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-refused-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskRefusedPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KioskRefusedPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, KioskRefusedPage, list);

  /* The parameter is the outbox entry's id. */
  gtk_widget_class_install_action (widget_class, "refused.book-next", "x", book_next_action);
  gtk_widget_class_install_action (widget_class, "refused.merge", "x", merge_action);
  gtk_widget_class_install_action (widget_class, "refused.ask-dismiss", "x", ask_dismiss_action);
  gtk_widget_class_install_action (widget_class, "refused.cancel-dismiss", "x", cancel_dismiss_action);
  gtk_widget_class_install_action (widget_class, "refused.confirm-dismiss", "x", confirm_dismiss_action);
}

static void
kiosk_refused_page_init (KioskRefusedPage *self)
{
  /* Rows (and their parts) go with the list; the table only points. */
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_list_box_set_empty_text (self->list, _("Nothing needs attention"));
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The walk-in queue for staff: who is called, in service and waiting, how
 * long each has waited, the estimate for those waiting, and the moves (call
 * next, assign staff, start, done, left). Every move is the desk's
 * (offline-first); the page only redraws from the replica.
 */
#define G_LOG_DOMAIN "kiosk-queue-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-context-reads.h"
#include "kiosk-desk-queue.h"
#include "kiosk-format.h"
#include "kiosk-queue-page.h"
#include "kiosk-walkin-widgets.h"
#include "kiosk-widgets.h"

/* How often "waited 12 min" moves on. */
#define TICK_SECONDS 30

typedef struct
{
  GtkLabel   *label;
  int         waited;    /* seconds, when the page was loaded */
  gboolean    waiting;   /* "waiting 12 min", else "arrived 25 min ago" */
} WaitedLabel;

struct _KioskQueuePage
{
  KioskPage      parent_instance;

  GtkLabel      *summary_label;
  GtkMenuButton *call_staff_button;
  GtkWidget     *call_next_button;
  GtkLabel      *call_message;
  GtkListBox    *serving_list;
  GtkListBox    *waiting_list;

  GPtrArray     *employees;        /* KioskEmployee *, active ones */
  char          *call_employee;    /* for "Call next", NULL: whoever is free */
  GHashTable    *chosen;           /* walk-in id -> employee id ("" anyone) */
  GHashTable    *errors;           /* walk-in id -> what went wrong */

  GArray        *waited_labels;    /* WaitedLabel */
  gint64         loaded_at;        /* monotonic µs */
  guint          tick_source;

  /* A staff menu is open: a reload would close it under the finger. */
  guint          menus_open;
  gboolean       reload_later;
  guint          reload_source;
  char          *focus_after;      /* widget name to focus after the reload */
  char          *show_walkin;      /* a walk-in whose row gets the focus once shown */
  gboolean       loaded;           /* the rows have been built once */
};

G_DEFINE_FINAL_TYPE (KioskQueuePage, kiosk_queue_page, KIOSK_TYPE_PAGE)

GtkWidget *
kiosk_queue_page_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_QUEUE_PAGE, "context", context, NULL);
}

static const char *
status_css_class (KioskWalkinStatus status)
{
  switch (status)
    {
    case KIOSK_WALKIN_WAITING:
      return "status-waiting";
    case KIOSK_WALKIN_CALLED:
      return "status-called";
    case KIOSK_WALKIN_IN_SERVICE:
      return "status-in-service";
    case KIOSK_WALKIN_DONE:
    case KIOSK_WALKIN_LEFT:
    default:
      return "status-done";
    }
}

static const char *
person_name (const KioskWalkin *walkin)
{
  return walkin->name != NULL && *walkin->name != '\0' ? walkin->name : _("Guest");
}

static const char *
employee_name (KioskQueuePage *self,
               const char     *employee_id)
{
  for (guint i = 0; employee_id != NULL && i < self->employees->len; i++)
    {
      const KioskEmployee *employee = g_ptr_array_index (self->employees, i);

      if (g_str_equal (employee->id, employee_id))
        return employee->name;
    }
  return NULL;
}

/* The first widget below @widget (itself included) that @match takes. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             gboolean  (*match) (GtkWidget *widget, const char *text),
             const char *text)
{
  if (match (widget, text))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_named (GtkWidget  *widget,
          const char *name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* A control of a walk-in's row: every one is named "queue-<what>-<id>";
 * @suffix is "-<id>". */
static gboolean
is_walkin_control (GtkWidget  *widget,
                   const char *suffix)
{
  const char *name = gtk_widget_get_name (widget);

  return g_str_has_prefix (name, "queue-") && g_str_has_suffix (name, suffix) &&
         gtk_widget_get_focusable (widget) && gtk_widget_is_sensitive (widget);
}

/* Only on screen: a hidden page cannot take the focus (staff may still be
 * typing their PIN). Forgets the request once done, or when the walk-in
 * has left the queue. */
static void
focus_walkin (KioskQueuePage *self)
{
  g_autofree char *suffix = NULL;
  GtkWidget *target;

  if (self->show_walkin == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  suffix = g_strconcat ("-", self->show_walkin, NULL);
  target = find_widget (GTK_WIDGET (self), is_walkin_control, suffix);
  if (target != NULL)
    gtk_widget_grab_focus (target);
  g_clear_pointer (&self->show_walkin, g_free);
}

static void
on_map (KioskQueuePage *self)
{
  /* Shown again after the PIN, with its rows from before. */
  if (self->loaded)
    focus_walkin (self);
}

void
kiosk_queue_page_show_walkin (KioskQueuePage *self,
                              const char     *walkin_id)
{
  g_return_if_fail (KIOSK_IS_QUEUE_PAGE (self));
  g_return_if_fail (walkin_id != NULL);

  g_free (self->show_walkin);
  self->show_walkin = g_strdup (walkin_id);
  /* Already shown and loaded: now; otherwise when it is. */
  if (self->loaded)
    focus_walkin (self);
}

static void
set_message (GtkLabel   *label,
             const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/* ---- how long each has waited ------------------------------------------- */

static void
update_waited (KioskQueuePage *self)
{
  int elapsed = (int)((g_get_monotonic_time () - self->loaded_at) / G_USEC_PER_SEC);

  for (guint i = 0; i < self->waited_labels->len; i++)
    {
      WaitedLabel *waited = &g_array_index (self->waited_labels, WaitedLabel, i);
      g_autofree char *duration = kiosk_format_duration (MAX (waited->waited + elapsed, 0) / 60);
      g_autofree char *text = NULL;

      if (waited->waiting)
        /* Translators: how long a walk-in has waited so far, "waiting 12 min". */
        text = g_strdup_printf (_("waiting %s"), duration);
      else
        /* Translators: how long ago a walk-in arrived, "arrived 25 min ago". */
        text = g_strdup_printf (_("arrived %s ago"), duration);

      gtk_label_set_text (waited->label, text);
    }
}

static gboolean
tick (gpointer data)
{
  update_waited (data);
  return G_SOURCE_CONTINUE;
}

/* ---- staff menus ------------------------------------------------------------ */

static gboolean
reload_idle (gpointer data)
{
  KioskQueuePage *self = data;

  self->reload_source = 0;
  kiosk_page_reload (KIOSK_PAGE (self));
  return G_SOURCE_REMOVE;
}

static void
menu_closed (GtkPopover     *popover,
             KioskQueuePage *self)
{
  if (self->menus_open > 0)
    self->menus_open--;
  /* Not from inside the popover's own signal: the reload destroys it. */
  if (self->menus_open == 0 && self->reload_later && self->reload_source == 0)
    {
      self->reload_later = FALSE;
      self->reload_source = g_idle_add (reload_idle, self);
    }
}

static void
menu_shown (GtkPopover     *popover,
            KioskQueuePage *self)
{
  self->menus_open++;
}

static void
staff_chosen (GtkButton      *button,
              KioskQueuePage *self)
{
  const char *walkin_id = g_object_get_data (G_OBJECT (button), "walkin-id");
  const char *employee_id = g_object_get_data (G_OBJECT (button), "employee-id");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (walkin_id != NULL)
    {
      g_hash_table_insert (self->chosen, g_strdup (walkin_id), g_strdup (employee_id != NULL ? employee_id : ""));
      g_free (self->focus_after);
      self->focus_after = g_strdup_printf ("queue-staff-%s", walkin_id);
    }
  else
    {
      g_free (self->call_employee);
      self->call_employee = g_strdup (employee_id);
      g_free (self->focus_after);
      self->focus_after = g_strdup ("queue-call-next");
    }
  self->reload_later = TRUE;
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  else
    menu_closed (NULL, self);
}

static GtkWidget *
staff_menu_item (KioskQueuePage *self,
                 const char     *label,
                 const char     *accessible,
                 const char     *walkin_id,
                 const char     *employee_id)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "walkin-id", g_strdup (walkin_id), g_free);
  g_object_set_data_full (G_OBJECT (button), "employee-id", g_strdup (employee_id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (staff_chosen), self);
  return button;
}

/* A menu of the staff for @walkin (the able ones for its service), or for
 * "Call next" when @walkin is NULL. */
static void
fill_staff_menu (KioskQueuePage    *self,
                 GtkMenuButton     *menu_button,
                 const KioskWalkin *walkin,
                 const char        *chosen_id)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const char *person = walkin != NULL ? person_name (walkin) : NULL;
  const char *chosen_name = employee_name (self, chosen_id);
  g_autofree char *anyone_accessible = NULL;
  g_autofree char *button_label = NULL;
  g_autofree char *button_accessible = NULL;

  if (walkin != NULL)
    /* Translators: %s is a person in the queue. */
    anyone_accessible = g_strdup_printf (_("Anyone for %s"), person);
  else
    anyone_accessible = g_strdup (_("Call next with whoever is free first"));
  gtk_box_append (GTK_BOX (box),
                  staff_menu_item (self, walkin != NULL ? _("Anyone") : _("Whoever is free first"),
                                   anyone_accessible, walkin != NULL ? walkin->id : NULL, NULL));

  for (guint i = 0; i < self->employees->len; i++)
    {
      const KioskEmployee *employee = g_ptr_array_index (self->employees, i);
      g_autofree char *accessible = NULL;

      if (walkin != NULL && walkin->service != NULL &&
          (employee->services == NULL || !g_strv_contains ((const char * const *)employee->services, walkin->service)))
        continue;
      if (walkin != NULL)
        /* Translators: "Assign Mehmet to Ayşe Yılmaz". */
        accessible = g_strdup_printf (_("Assign %s to %s"), employee->name, person);
      else
        /* Translators: %s is a member of staff. */
        accessible = g_strdup_printf (_("Call next with %s"), employee->name);
      gtk_box_append (GTK_BOX (box),
                      staff_menu_item (self, employee->name, accessible,
                                       walkin != NULL ? walkin->id : NULL, employee->id));
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect (popover, "show", G_CALLBACK (menu_shown), self);
  g_signal_connect (popover, "closed", G_CALLBACK (menu_closed), self);
  gtk_menu_button_set_popover (menu_button, popover);

  /* Translators: the member of staff chosen, "Staff: Mehmet". */
  button_label = g_strdup_printf (_("Staff: %s"), chosen_name != NULL ? chosen_name
                                                  : walkin != NULL ? _("Anyone") : _("Whoever is free first"));
  gtk_menu_button_set_label (menu_button, button_label);
  if (walkin != NULL)
    /* Translators: "Choose staff for Ayşe Yılmaz (Staff: Mehmet)". */
    button_accessible = g_strdup_printf (_("Choose staff for %s (%s)"), person, button_label);
  else
    /* Translators: "Choose staff for the next call (Staff: Mehmet)". */
    button_accessible = g_strdup_printf (_("Choose staff for the next call (%s)"), button_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, button_accessible, -1);
}

/* ---- rows ------------------------------------------------------------------------ */

static GtkWidget *
action_button (const char        *label,
               const char        *accessible,
               const char        *action,
               const KioskWalkin *walkin,
               KioskWalkinStatus  status)
{
  GtkWidget *button = gtk_button_new_with_label (label);
  g_autofree char *name = g_strdup_printf ("queue-%s-%s", action, walkin->id);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "queue.move");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", walkin->id,
                                    kiosk_walkin_status_to_string (status));
  return button;
}

static GtkWidget *
text_label (const char *text,
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

static GtkWidget *
queue_row_new (KioskQueuePage       *self,
               const KioskQueueItem *item)
{
  const KioskWalkin *walkin = item->walkin;
  const char *person = person_name (walkin);
  const char *error = g_hash_table_lookup (self->errors, walkin->id);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *badges = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *waited_label = text_label (NULL, "row-subtitle");
  g_autofree char *staff = NULL;
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *wait = NULL;
  WaitedLabel waited = { GTK_LABEL (waited_label), item->waited, walkin->status == KIOSK_WALKIN_WAITING };

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "kiosk-row");
  gtk_widget_add_css_class (box, "kiosk-row-box");

  if (walkin->status == KIOSK_WALKIN_WAITING && item->estimate != NULL)
    {
      g_autofree char *number = g_strdup_printf ("%u", item->estimate->position);
      GtkWidget *prefix = gtk_label_new (number);

      gtk_widget_add_css_class (prefix, "queue-number");
      gtk_widget_add_css_class (prefix, "numeric");
      gtk_widget_set_valign (prefix, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), prefix);
    }

  /* Who serves, or whom they asked for. */
  if (item->employee_name != NULL)
    /* Translators: the member of staff serving a walk-in, "with Mehmet". */
    staff = g_strdup_printf (_("with %s"), item->employee_name);
  else if (item->preferred_name != NULL)
    /* Translators: the member of staff a walk-in asked for, "asked for Mehmet". */
    staff = g_strdup_printf (_("asked for %s"), item->preferred_name);
  else
    staff = g_strdup (_("anyone"));
  details = g_strdup_printf (_("%s · %s"), item->service_name != NULL ? item->service_name : _("Unknown service"), staff);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), text_label (person, "row-title"));
  gtk_box_append (GTK_BOX (text), text_label (details, "row-subtitle"));
  gtk_widget_set_name (waited_label, "queue-waited");
  gtk_widget_add_css_class (waited_label, "dim-label");
  gtk_box_append (GTK_BOX (text), waited_label);
  g_array_append_val (self->waited_labels, waited);

  if (walkin->status == KIOSK_WALKIN_WAITING)
    {
      g_autofree char *estimate = kiosk_walkin_format_wait (item->estimate);

      /* Translators: "Estimated wait: about 15–25 min". */
      wait = g_strdup_printf (_("Estimated wait: %s"), estimate);
      gtk_box_append (GTK_BOX (text), text_label (wait, "row-subtitle"));
    }
  if (error != NULL)
    {
      GtkWidget *message = g_object_new (GTK_TYPE_LABEL,
                                         "label", error,
                                         "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                         "xalign", 0.0f,
                                         "wrap", TRUE,
                                         NULL);

      gtk_widget_add_css_class (message, "field-message");
      gtk_widget_add_css_class (message, "error");
      gtk_box_append (GTK_BOX (text), message);
    }
  gtk_box_append (GTK_BOX (box), text);

  gtk_box_append (GTK_BOX (badges), kiosk_badge_new (kiosk_format_walkin_status (walkin->status),
                                                     status_css_class (walkin->status)));
  if (walkin->pending)
    gtk_box_append (GTK_BOX (badges), kiosk_pending_badge_new ());
  gtk_widget_set_valign (badges, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), badges);

  if (walkin->status == KIOSK_WALKIN_WAITING || walkin->status == KIOSK_WALKIN_CALLED)
    {
      GtkWidget *menu = gtk_menu_button_new ();
      g_autofree char *name = g_strdup_printf ("queue-staff-%s", walkin->id);
      const char *chosen = g_hash_table_lookup (self->chosen, walkin->id);
      g_autofree char *call = g_strdup_printf (_("Call %s"), person);
      g_autofree char *start = g_strdup_printf (_("Start serving %s"), person);
      g_autofree char *left = g_strdup_printf (_("%s left"), person);

      /* Unless staff chose: who serves already, else whom they asked for. */
      if (chosen == NULL)
        chosen = walkin->employee != NULL ? walkin->employee : walkin->preferred_employee;
      else if (*chosen == '\0')
        chosen = NULL;
      gtk_widget_set_name (menu, name);
      gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
      fill_staff_menu (self, GTK_MENU_BUTTON (menu), walkin, chosen);
      gtk_box_append (GTK_BOX (actions), menu);

      /* Translators: buttons on a queue row; the accessible names say whom. */
      if (walkin->status == KIOSK_WALKIN_WAITING)
        gtk_box_append (GTK_BOX (actions), action_button (_("Call"), call, "call", walkin, KIOSK_WALKIN_CALLED));
      gtk_box_append (GTK_BOX (actions), action_button (_("Start"), start, "start", walkin, KIOSK_WALKIN_IN_SERVICE));
      gtk_box_append (GTK_BOX (actions), action_button (_("Left"), left, "left", walkin, KIOSK_WALKIN_LEFT));
    }
  else if (walkin->status == KIOSK_WALKIN_IN_SERVICE)
    {
      g_autofree char *done = g_strdup_printf (_("%s is done"), person);
      GtkWidget *button = action_button (_("Done"), done, "done", walkin, KIOSK_WALKIN_DONE);

      gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (GTK_BOX (actions), button);
    }
  gtk_widget_set_valign (actions, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), actions);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* The row reads as the person, what is happening and how long. */
  accessible = g_strdup_printf ("%s, %s, %s", person, kiosk_format_walkin_status (walkin->status), details);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, wait != NULL ? wait : "",
                                  -1);
  return row;
}

/* ---- reload ------------------------------------------------------------------------ */

static void
forget_gone (GHashTable *table,
             GHashTable *present)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (present, key))
      g_hash_table_iter_remove (&iter);
}

static void
kiosk_queue_page_reload (KioskPage *page)
{
  KioskQueuePage *self = KIOSK_QUEUE_PAGE (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) employees = kiosk_context_list_employees (kiosk_page_get_context (page), &error);
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *focus_name = NULL;
  const KioskQueueItem *next = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  guint n_waiting = 0;
  guint n_called = 0;
  guint n_service = 0;

  if (self->menus_open > 0)
    {
      self->reload_later = TRUE;
      return;
    }

  /* Keep the keyboard where it was: the rows are made anew. */
  if (self->focus_after != NULL)
    focus_name = g_steal_pointer (&self->focus_after);
  else if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) &&
           g_str_has_prefix (gtk_widget_get_name (focus), "queue-"))
    focus_name = g_strdup (gtk_widget_get_name (focus));
  else if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    {
      /* The inner button of a staff menu: focus the menu button again. */
      GtkWidget *menu = gtk_widget_get_ancestor (focus, GTK_TYPE_MENU_BUTTON);

      if (menu != NULL)
        focus_name = g_strdup (gtk_widget_get_name (menu));
    }

  g_clear_pointer (&self->employees, g_ptr_array_unref);
  self->employees = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_employee_free);
  if (employees == NULL)
    {
      g_warning ("Cannot read the staff: %s", error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; employees != NULL && i < employees->len; i++)
    {
      KioskEmployee *employee = g_ptr_array_index (employees, i);

      if (employee->is_active)
        g_ptr_array_add (self->employees, g_ptr_array_steal_index (employees, i--));
    }

  g_array_set_size (self->waited_labels, 0);
  kiosk_list_box_remove_all (self->serving_list);
  kiosk_list_box_remove_all (self->waiting_list);
  self->loaded_at = g_get_monotonic_time ();

  queue = kiosk_desk_list_queue (kiosk_page_get_context (page), &error);
  if (queue == NULL)
    {
      g_warning ("Cannot read the queue: %s", error->message);
      gtk_label_set_text (self->summary_label, _("The queue cannot be read right now."));
      queue = g_ptr_array_new ();
    }

  for (guint i = 0; i < queue->len; i++)
    {
      const KioskQueueItem *item = g_ptr_array_index (queue, i);

      g_hash_table_add (present, item->walkin->id);
      switch (item->walkin->status)
        {
        case KIOSK_WALKIN_WAITING:
          if (next == NULL)
            next = item;
          n_waiting++;
          gtk_list_box_append (self->waiting_list, queue_row_new (self, item));
          break;
        case KIOSK_WALKIN_CALLED:
          n_called++;
          gtk_list_box_append (self->serving_list, queue_row_new (self, item));
          break;
        case KIOSK_WALKIN_IN_SERVICE:
          n_service++;
          gtk_list_box_append (self->serving_list, queue_row_new (self, item));
          break;
        case KIOSK_WALKIN_DONE:
        case KIOSK_WALKIN_LEFT:
        default:
          break;
        }
    }
  forget_gone (self->chosen, present);
  forget_gone (self->errors, present);
  update_waited (self);

  if (error == NULL)
    {
      g_autofree char *waiting = g_strdup_printf (ngettext ("%u waiting", "%u waiting", n_waiting), n_waiting);
      g_autofree char *called = g_strdup_printf (ngettext ("%u called", "%u called", n_called), n_called);
      g_autofree char *service = g_strdup_printf (ngettext ("%u in service", "%u in service", n_service), n_service);
      /* Translators: "3 waiting, 1 called, 2 in service". */
      g_autofree char *summary = g_strdup_printf (_("%s, %s, %s"), waiting, called, service);

      gtk_label_set_text (self->summary_label, summary);
    }

  /* "Call next" says whom it calls. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.call-next", next != NULL);
  if (next != NULL)
    {
      /* Translators: %s is the first person waiting. */
      g_autofree char *call_next = g_strdup_printf (_("Call next: %s"), person_name (next->walkin));

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->call_next_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, call_next,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "",
                                      -1);
    }
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->call_next_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Call next"),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Nobody is waiting."),
                                    -1);
  fill_staff_menu (self, self->call_staff_button, NULL, self->call_employee);

  if (focus_name != NULL)
    {
      GtkWidget *target = find_widget (GTK_WIDGET (self), is_named, focus_name);

      if (target == NULL || !gtk_widget_is_sensitive (target))
        target = gtk_widget_is_sensitive (self->call_next_button) ? self->call_next_button
                                                                   : GTK_WIDGET (self->call_staff_button);
      gtk_widget_grab_focus (target);
    }
  self->loaded = TRUE;
  /* Asked for from elsewhere (the calendar's walk-in). */
  focus_walkin (self);
}

/* ---- moves ----------------------------------------------------------------------------- */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KioskQueuePage *self = KIOSK_QUEUE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *walkin_id;
  const char *status_text;
  const char *employee = NULL;
  KioskWalkinStatus status;

  g_variant_get (parameter, "(&s&s)", &walkin_id, &status_text);
  if (!kiosk_walkin_status_from_string (status_text, &status))
    return;

  if (status == KIOSK_WALKIN_CALLED || status == KIOSK_WALKIN_IN_SERVICE)
    {
      employee = g_hash_table_lookup (self->chosen, walkin_id);
      if (employee != NULL && *employee == '\0')
        employee = NULL;
    }

  g_free (self->focus_after);
  if (!kiosk_desk_set_walkin_status (kiosk_page_get_context (KIOSK_PAGE (self)), walkin_id, status, employee, &error))
    {
      g_hash_table_insert (self->errors, g_strdup (walkin_id), g_strdup (error->message));
      /* Back on the button that failed, next to its message. */
      self->focus_after = g_strdup_printf ("queue-%s-%s",
                                           status == KIOSK_WALKIN_CALLED ? "call" :
                                           status == KIOSK_WALKIN_IN_SERVICE ? "start" :
                                           status == KIOSK_WALKIN_DONE ? "done" : "left",
                                           walkin_id);
    }
  else
    {
      g_hash_table_remove (self->errors, walkin_id);
      /* On to what usually comes next for this person. */
      if (status == KIOSK_WALKIN_CALLED)
        self->focus_after = g_strdup_printf ("queue-start-%s", walkin_id);
      else if (status == KIOSK_WALKIN_IN_SERVICE)
        self->focus_after = g_strdup_printf ("queue-done-%s", walkin_id);
      else
        self->focus_after = g_strdup ("queue-call-next");
    }
  kiosk_page_reload (KIOSK_PAGE (self));
}

static void
call_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KioskQueuePage *self = KIOSK_QUEUE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = kiosk_desk_call_next (kiosk_page_get_context (KIOSK_PAGE (self)), self->call_employee, &error);

  g_free (self->focus_after);
  if (id == NULL)
    {
      set_message (self->call_message, error->message);
      self->focus_after = g_strdup ("queue-call-next");
    }
  else
    {
      set_message (self->call_message, NULL);
      self->focus_after = g_strdup_printf ("queue-start-%s", id);
    }
  kiosk_page_reload (KIOSK_PAGE (self));
}

/* ---- the object ---------------------------------------------------------------------- */

static void
kiosk_queue_page_clear (KioskPage *page)
{
  KioskQueuePage *self = KIOSK_QUEUE_PAGE (page);

  /* Staff locked the kiosk: what they chose and saw goes. */
  g_clear_pointer (&self->call_employee, g_free);
  g_clear_pointer (&self->focus_after, g_free);
  g_hash_table_remove_all (self->chosen);
  g_hash_table_remove_all (self->errors);
  set_message (self->call_message, NULL);
}

static void
kiosk_queue_page_map (GtkWidget *widget)
{
  KioskQueuePage *self = KIOSK_QUEUE_PAGE (widget);

  GTK_WIDGET_CLASS (kiosk_queue_page_parent_class)->map (widget);

  update_waited (self);
  if (self->tick_source == 0)
    self->tick_source = g_timeout_add_seconds (TICK_SECONDS, tick, self);
}

static void
kiosk_queue_page_unmap (GtkWidget *widget)
{
  KioskQueuePage *self = KIOSK_QUEUE_PAGE (widget);

  g_clear_handle_id (&self->tick_source, g_source_remove);

  GTK_WIDGET_CLASS (kiosk_queue_page_parent_class)->unmap (widget);
}

static void
kiosk_queue_page_dispose (GObject *object)
{
  KioskQueuePage *self = KIOSK_QUEUE_PAGE (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->waited_labels != NULL)
    g_array_set_size (self->waited_labels, 0);
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_QUEUE_PAGE);

  G_OBJECT_CLASS (kiosk_queue_page_parent_class)->dispose (object);
}

static void
kiosk_queue_page_finalize (GObject *object)
{
  KioskQueuePage *self = KIOSK_QUEUE_PAGE (object);

  g_clear_pointer (&self->employees, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_clear_pointer (&self->waited_labels, g_array_unref);
  g_free (self->call_employee);
  g_free (self->show_walkin);
  g_free (self->focus_after);

  G_OBJECT_CLASS (kiosk_queue_page_parent_class)->finalize (object);
}

static void
kiosk_queue_page_class_init (KioskQueuePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_queue_page_dispose;
  object_class->finalize = kiosk_queue_page_finalize;
  widget_class->map = kiosk_queue_page_map;
  widget_class->unmap = kiosk_queue_page_unmap;
  page_class->reload = kiosk_queue_page_reload;
  page_class->clear = kiosk_queue_page_clear;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-queue-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskQueuePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KioskQueuePage, call_staff_button);
  gtk_widget_class_bind_template_child (widget_class, KioskQueuePage, call_next_button);
  gtk_widget_class_bind_template_child (widget_class, KioskQueuePage, call_message);
  gtk_widget_class_bind_template_child (widget_class, KioskQueuePage, serving_list);
  gtk_widget_class_bind_template_child (widget_class, KioskQueuePage, waiting_list);

  gtk_widget_class_install_action (widget_class, "queue.move", "(ss)", move_action);
  gtk_widget_class_install_action (widget_class, "queue.call-next", NULL, call_next_action);
}

static void
kiosk_queue_page_init (KioskQueuePage *self)
{
  self->employees = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_employee_free);
  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->waited_labels = g_array_new (FALSE, FALSE, sizeof (WaitedLabel));

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_after (self, "map", G_CALLBACK (on_map), NULL);
  kiosk_list_box_set_empty_text (self->serving_list, _("Nobody is being served."));
  kiosk_list_box_set_empty_text (self->waiting_list, _("No one is waiting right now."));
}

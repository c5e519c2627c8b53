/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Walk-ins: a person joins the queue (name, phone, service, preferred
 * staff, KVKK consent) and then sees their place and the estimated wait.
 * The queue beside the form shows counts and waits only: in customer mode
 * nobody else's name is on screen.
 */
#define G_LOG_DOMAIN "kiosk-walkin-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-context-reads.h"
#include "kiosk-kvkk.h"
#include "kiosk-phone.h"
#include "kiosk-desk-queue.h"
#include "kiosk-desk-bookings.h"
#include "kiosk-format.h"
#include "kiosk-walkin-page.h"
#include "kiosk-walkin-widgets.h"
#include "kiosk-widgets.h"

struct _KioskWalkinPage
{
  KioskPage    parent_instance;

  GtkLabel    *summary_label;
  GtkStack    *stack;
  GtkEditable *name_entry;
  GtkLabel    *name_message;
  GtkEditable *phone_entry;
  GtkLabel    *phone_message;
  GtkFlowBox  *services_box;
  GtkWidget   *no_service;     /* the group's hidden first member */
  GtkFlowBox  *staff_box;
  GtkLabel    *estimate_label;
  GtkLabel    *estimate_note;
  GtkLabel    *notice_label;
  GtkWidget   *consent_check;
  GtkLabel    *form_message;
  GtkWidget   *join_button;
  GtkBox      *form_box;
  GtkLabel    *joined_title;
  GtkLabel    *place_number;
  GtkLabel    *place_label;
  GtkLabel    *joined_estimate;
  GtkWidget   *pending_box;
  GtkWidget   *done_button;
  GtkListBox  *queue_list;
  GtkLabel    *closed_label;

  /* What the choices were built from, so a sync that changes nothing on
   * the menu does not rebuild them under someone's finger. */
  char        *services_signature;
  char        *staff_signature;
  /* The choices: service or employee id -> its toggle button. */
  GHashTable  *service_buttons;
  GHashTable  *staff_buttons;
  GtkWidget   *anyone_button;
  char        *service_id;     /* chosen, or NULL */
  char        *employee_id;    /* preferred, NULL for anyone */
  GHashTable  *employee_names; /* id -> name, for "likely with …" */

  /* After joining: the walk-in and the first name it was made with. */
  char        *joined_id;
  char        *joined_name;
  gboolean     building;
  /* Customer mode while the salon is closed: no form, when it opens. */
  gboolean     closed;
};

G_DEFINE_FINAL_TYPE (KioskWalkinPage, kiosk_walkin_page, KIOSK_TYPE_PAGE)

GtkWidget *
kiosk_walkin_page_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_WALKIN_PAGE, "context", context, NULL);
}

static void
set_message (GtkLabel   *label,
             const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
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

/* ---- the estimate -------------------------------------------------------- */

static void
update_estimate (KioskWalkinPage *self)
{
  g_autoptr(KioskWaitEstimate) estimate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *note = NULL;

  if (self->service_id == NULL)
    {
      gtk_label_set_text (self->estimate_label, _("Choose a service to see the wait."));
      set_message (self->estimate_note, NULL);
      return;
    }

  estimate = kiosk_desk_estimate_join (kiosk_page_get_context (KIOSK_PAGE (self)),
                                       self->service_id, self->employee_id, &error);
  if (estimate == NULL)
    {
      g_warning ("Cannot estimate the wait: %s", error->message);
      gtk_label_set_text (self->estimate_label, _("The wait cannot be estimated right now."));
      set_message (self->estimate_note, NULL);
      return;
    }

  text = kiosk_walkin_format_wait (estimate);
  gtk_label_set_text (self->estimate_label, text);

  if (estimate->preference_dropped && self->employee_id != NULL)
    {
      const char *name = g_hash_table_lookup (self->employee_names, self->employee_id);

      /* Translators: %s is a member of staff's name. */
      note = g_strdup_printf (_("%s cannot do this service today, so this is the wait for anyone."),
                              name != NULL ? name : "");
    }
  else if (estimate->status == KIOSK_WAIT_OK && estimate->employee != NULL &&
           g_hash_table_lookup (self->employee_names, estimate->employee) != NULL)
    /* Translators: %s is a member of staff's name. */
    note = g_strdup_printf (_("Most likely with %s."),
                            (const char *)g_hash_table_lookup (self->employee_names, estimate->employee));
  set_message (self->estimate_note, note);
}

/* ---- the choices ----------------------------------------------------------- */

static void
flow_box_remove_all (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

static void staff_toggled (GtkToggleButton *button, KioskWalkinPage *self);

static void
choose_anyone (KioskWalkinPage *self)
{
  g_clear_pointer (&self->employee_id, g_free);
  if (self->anyone_button != NULL)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->anyone_button), TRUE);
}

/* The staff who do the chosen service (all active staff before a service
 * is chosen), and "Anyone". */
static void
build_staff (KioskWalkinPage *self,
             GPtrArray       *employees)
{
  g_autoptr(GString) signature = g_string_new (self->service_id);
  g_autoptr(GPtrArray) able = g_ptr_array_new ();
  GtkWidget *group;

  for (guint i = 0; i < employees->len; i++)
    {
      const KioskEmployee *employee = g_ptr_array_index (employees, i);

      if (!employee->is_active)
        continue;
      if (self->service_id != NULL &&
          (employee->services == NULL || !g_strv_contains ((const char * const *)employee->services, self->service_id)))
        continue;
      g_ptr_array_add (able, (gpointer)employee);
      g_string_append_printf (signature, "|%s:%s", employee->id, employee->name);
    }

  if (g_strcmp0 (signature->str, self->staff_signature) == 0 && self->anyone_button != NULL)
    return;
  g_free (self->staff_signature);
  self->staff_signature = g_strdup (signature->str);

  self->building = TRUE;
  flow_box_remove_all (self->staff_box);
  g_hash_table_remove_all (self->staff_buttons);

  group = self->anyone_button = kiosk_walkin_choice_new (_("Anyone"), _("Whoever is free first"), NULL, NULL);
  gtk_widget_set_name (group, "walkin-staff-anyone");
  g_signal_connect (group, "toggled", G_CALLBACK (staff_toggled), self);
  kiosk_walkin_flow_box_append (self->staff_box, group);

  for (guint i = 0; i < able->len; i++)
    {
      const KioskEmployee *employee = g_ptr_array_index (able, i);
      GtkWidget *button = kiosk_walkin_choice_new (employee->name, employee->position, NULL, group);

      g_object_set_data_full (G_OBJECT (button), "employee-id", g_strdup (employee->id), g_free);
      g_signal_connect (button, "toggled", G_CALLBACK (staff_toggled), self);
      g_hash_table_insert (self->staff_buttons, g_strdup (employee->id), button);
      kiosk_walkin_flow_box_append (self->staff_box, button);
    }

  if (self->employee_id != NULL && g_hash_table_contains (self->staff_buttons, self->employee_id))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (g_hash_table_lookup (self->staff_buttons, self->employee_id)), TRUE);
  else
    choose_anyone (self);
  self->building = FALSE;
}

static void
staff_toggled (GtkToggleButton *button,
               KioskWalkinPage *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  g_free (self->employee_id);
  self->employee_id = g_strdup (g_object_get_data (G_OBJECT (button), "employee-id"));
  if (!self->building)
    update_estimate (self);
}

static void
rebuild_staff (KioskWalkinPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) employees = kiosk_context_list_employees (kiosk_page_get_context (KIOSK_PAGE (self)), &error);

  if (employees == NULL)
    {
      g_warning ("Cannot read the staff: %s", error->message);
      employees = g_ptr_array_new ();
    }
  build_staff (self, employees);
}

static void
service_toggled (GtkToggleButton *button,
                 KioskWalkinPage *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  g_free (self->service_id);
  self->service_id = g_strdup (g_object_get_data (G_OBJECT (button), "service-id"));
  if (self->building)
    return;
  rebuild_staff (self);
  update_estimate (self);
}

static void
build_services (KioskWalkinPage *self,
                GPtrArray       *services)
{
  g_autoptr(GString) signature = g_string_new (NULL);
  GtkWidget *group;
  GtkWidget *empty;
  gboolean still_there = FALSE;

  for (guint i = 0; i < services->len; i++)
    {
      const KioskService *service = g_ptr_array_index (services, i);

      if (service->is_active)
        g_string_append_printf (signature, "%s:%s:%d:%" G_GINT64_FORMAT "|",
                                service->id, service->name, service->duration, service->price);
    }
  if (self->services_signature != NULL && g_str_equal (signature->str, self->services_signature))
    return;
  g_free (self->services_signature);
  self->services_signature = g_strdup (signature->str);

  self->building = TRUE;
  flow_box_remove_all (self->services_box);
  g_hash_table_remove_all (self->service_buttons);
  /* Nothing chosen until the person chooses. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->no_service), TRUE);
  group = self->no_service;

  for (guint i = 0; i < services->len; i++)
    {
      const KioskService *service = g_ptr_array_index (services, i);
      g_autofree char *duration = NULL;
      g_autofree char *price = NULL;
      GtkWidget *button;

      if (!service->is_active)
        continue;
      duration = kiosk_format_duration (service->duration);
      price = kiosk_format_money (service->price);
      button = kiosk_walkin_choice_new (service->name, duration, price, group);
      g_object_set_data_full (G_OBJECT (button), "service-id", g_strdup (service->id), g_free);
      g_signal_connect (button, "toggled", G_CALLBACK (service_toggled), self);
      g_hash_table_insert (self->service_buttons, g_strdup (service->id), button);
      kiosk_walkin_flow_box_append (self->services_box, button);
      if (g_strcmp0 (service->id, self->service_id) == 0)
        {
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
          still_there = TRUE;
        }
    }

  if (!still_there)
    g_clear_pointer (&self->service_id, g_free);

  if (g_hash_table_size (self->service_buttons) == 0)
    {
      empty = gtk_label_new (_("The service menu is empty. It appears here once the salon has been synchronised."));
      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_widget_add_css_class (empty, "empty-state");
      gtk_widget_add_css_class (empty, "dim-label");
      kiosk_walkin_flow_box_append (self->services_box, empty);
    }
  self->building = FALSE;
}

/* ---- the queue beside the form ------------------------------------------ */

static void
reload_queue (KioskWalkinPage *self,
              GPtrArray       *queue)
{
  gboolean staff = kiosk_page_get_staff_mode (KIOSK_PAGE (self));
  guint n_waiting = 0;
  guint n_served = 0;

  kiosk_list_box_remove_all (self->queue_list);

  if (queue == NULL)
    {
      gtk_label_set_text (self->summary_label, _("The queue cannot be read right now."));
      return;
    }

  for (guint i = 0; i < queue->len; i++)
    {
      const KioskQueueItem *item = g_ptr_array_index (queue, i);
      const KioskWalkin *walkin = item->walkin;
      g_autofree char *waited = kiosk_format_duration (item->waited / 60);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *wait = NULL;
      GtkWidget *prefix = NULL;
      GtkWidget *badge = kiosk_badge_new (kiosk_format_walkin_status (walkin->status),
                                          status_css_class (walkin->status));

      if (walkin->status == KIOSK_WALKIN_WAITING)
        {
          guint position = item->estimate != NULL ? item->estimate->position : n_waiting + 1;
          g_autofree char *number = g_strdup_printf ("%u", position);

          n_waiting++;
          prefix = gtk_label_new (number);
          gtk_widget_add_css_class (prefix, "queue-number");
          gtk_widget_add_css_class (prefix, "numeric");
          /* Translators: a place in the walk-in queue, "No. 3". */
          title = g_strdup_printf (_("No. %u"), position);
          wait = kiosk_walkin_format_wait (item->estimate);
          /* Translators: "waiting 12 min · about 5–10 min". */
          subtitle = g_strdup_printf (_("waiting %s · %s"), waited, wait);
        }
      else
        {
          n_served++;
          title = g_strdup (_("Being served"));
          /* Translators: how long a walk-in had waited, "arrived 25 min ago". */
          subtitle = g_strdup_printf (_("arrived %s ago"), waited);
        }

      /* Staff at the kiosk may see who it is; customers never see others. */
      if (staff)
        {
          g_autofree char *name = kiosk_format_private_name (walkin->name);
          g_autofree char *rest = g_steal_pointer (&subtitle);

          g_free (title);
          title = g_strdup (*name != '\0' ? name : _("Guest"));
          if (item->service_name != NULL)
            subtitle = g_strdup_printf (_("%s · %s"), item->service_name, rest);
          else
            subtitle = g_steal_pointer (&rest);
        }

      gtk_list_box_append (self->queue_list, kiosk_row_new (title, subtitle, prefix, badge));
    }

  if (n_waiting == 0 && n_served == 0)
    gtk_label_set_text (self->summary_label, _("No one is waiting. Join the queue and we will fit you in."));
  else
    {
      g_autofree char *waiting =
        g_strdup_printf (ngettext ("%u person waiting", "%u people waiting", n_waiting), n_waiting);
      g_autofree char *served =
        g_strdup_printf (ngettext ("%u being served", "%u being served", n_served), n_served);
      /* Translators: "3 people waiting, 1 being served." */
      g_autofree char *summary = g_strdup_printf (_("%s, %s."), waiting, served);

      gtk_label_set_text (self->summary_label, summary);
    }
}

/* ---- after joining ----------------------------------------------------------- */

static void
show_joined (KioskWalkinPage *self,
             GPtrArray       *queue)
{
  const KioskQueueItem *mine = NULL;
  g_autofree char *title = NULL;

  for (guint i = 0; queue != NULL && i < queue->len; i++)
    {
      const KioskQueueItem *item = g_ptr_array_index (queue, i);

      if (g_strcmp0 (item->walkin->id, self->joined_id) == 0)
        mine = item;
    }

  if (self->joined_name != NULL && *self->joined_name != '\0')
    /* Translators: %s is the first name the person typed. */
    title = g_strdup_printf (_("Thank you, %s. You are in the queue."), self->joined_name);
  else
    title = g_strdup (_("Thank you. You are in the queue."));
  gtk_label_set_text (self->joined_title, title);

  if (mine == NULL)
    {
      gtk_label_set_text (self->place_number, "✓");
      gtk_label_set_text (self->place_label, _("Your visit is under way or finished."));
      gtk_label_set_text (self->joined_estimate, "");
      gtk_widget_set_visible (self->pending_box, FALSE);
      return;
    }

  if (mine->walkin->status == KIOSK_WALKIN_WAITING)
    {
      guint position = mine->estimate != NULL ? mine->estimate->position : 0;
      g_autofree char *number = g_strdup_printf ("%u", position);
      g_autofree char *place = NULL;
      g_autofree char *wait = kiosk_walkin_format_wait (mine->estimate);
      g_autofree char *estimate = NULL;

      if (position == 1)
        place = g_strdup (_("You are next in the queue."));
      else
        /* Translators: the person's place in the walk-in queue. */
        place = g_strdup_printf (_("Your place in the queue: %u"), position);
      /* Translators: "Estimated wait: about 15–25 min". */
      estimate = g_strdup_printf (_("Estimated wait: %s"), wait);
      gtk_label_set_text (self->place_number, number);
      gtk_label_set_text (self->place_label, place);
      gtk_label_set_text (self->joined_estimate, estimate);
    }
  else
    {
      gtk_label_set_text (self->place_number, "✓");
      gtk_label_set_text (self->place_label, _("It is your turn. Please come to the desk."));
      gtk_label_set_text (self->joined_estimate, "");
    }

  gtk_widget_set_visible (self->pending_box, mine->walkin->pending);
}

/* ---- while the salon is closed ---------------------------------------------- */

/* Customers cannot join while the salon is closed: the form gives way to
 * when it opens, and nothing can be ticked or pressed. Staff keep the form
 * and may still add someone. */
static void
update_opening (KioskWalkinPage *self)
{
  KioskContext *context = kiosk_page_get_context (KIOSK_PAGE (self));
  g_autoptr(GDateTime) now = kiosk_context_dup_now (context);
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  KioskOpening opening;

  if (!kiosk_desk_get_opening (context, &opening, &error))
    {
      /* Not knowing the hours is no reason to turn people away. */
      g_warning ("Cannot read the salon's hours: %s", error->message);
      opening.open = TRUE;
      opening.changes_in = 0;
    }
  /* Looked at again when the salon opens or closes. */
  kiosk_page_reload_in (KIOSK_PAGE (self), opening.changes_in);
  self->closed = !opening.open && !kiosk_page_get_staff_mode (KIOSK_PAGE (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "walkin.join", !self->closed);

  if (!self->closed)
    {
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "closed") == 0)
        gtk_stack_set_visible_child_name (self->stack, "form");
      return;
    }

  when = kiosk_format_next_opening (&opening, now);
  if (when != NULL)
    /* Translators: %s is when the salon opens, "tomorrow at 09:00" (Turkish "yarın 09:00"). */
    text = g_strdup_printf (_("The queue opens with the salon, %s."), when);
  gtk_label_set_text (self->closed_label, text != NULL ? text : _("The queue opens with the salon."));
  gtk_label_set_text (self->summary_label, _("Nobody can join the queue while the salon is closed."));
  if (self->joined_id == NULL)
    gtk_stack_set_visible_child_name (self->stack, "closed");
}

/* ---- reload and clear ------------------------------------------------------ */

static void
kiosk_walkin_page_reload (KioskPage *page)
{
  KioskWalkinPage *self = KIOSK_WALKIN_PAGE (page);
  KioskContext *context = kiosk_page_get_context (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = kiosk_context_list_services (context, &error);
  g_autoptr(GPtrArray) employees = NULL;
  g_autoptr(GPtrArray) queue = NULL;

  if (services == NULL)
    {
      g_warning ("Cannot read the services: %s", error->message);
      g_clear_error (&error);
      services = g_ptr_array_new ();
    }
  employees = kiosk_context_list_employees (context, &error);
  if (employees == NULL)
    {
      g_warning ("Cannot read the staff: %s", error->message);
      g_clear_error (&error);
      employees = g_ptr_array_new ();
    }

  g_hash_table_remove_all (self->employee_names);
  for (guint i = 0; i < employees->len; i++)
    {
      const KioskEmployee *employee = g_ptr_array_index (employees, i);

      g_hash_table_insert (self->employee_names, g_strdup (employee->id), g_strdup (employee->name));
    }

  build_services (self, services);
  build_staff (self, employees);
  update_estimate (self);

  queue = kiosk_desk_list_queue (kiosk_page_get_context (page), &error);
  if (queue == NULL)
    g_warning ("Cannot read the queue: %s", error->message);
  reload_queue (self, queue);
  if (self->joined_id != NULL)
    show_joined (self, queue);
  update_opening (self);
}

static void
clear_form (KioskWalkinPage *self)
{
  gtk_editable_set_text (self->name_entry, "");
  gtk_editable_set_text (self->phone_entry, "");
  kiosk_walkin_set_field_error (GTK_WIDGET (self->name_entry), self->name_message, NULL);
  kiosk_walkin_set_field_error (GTK_WIDGET (self->phone_entry), self->phone_message, NULL);
  set_message (self->form_message, NULL);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->consent_check), FALSE);

  /* No service chosen: the hidden first member of the group. */
  self->building = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->no_service), TRUE);
  self->building = FALSE;
  g_clear_pointer (&self->service_id, g_free);
  g_clear_pointer (&self->employee_id, g_free);
  rebuild_staff (self);
  choose_anyone (self);
  update_estimate (self);
}

static void
kiosk_walkin_page_clear (KioskPage *page)
{
  KioskWalkinPage *self = KIOSK_WALKIN_PAGE (page);

  clear_form (self);
  g_clear_pointer (&self->joined_id, g_free);
  g_clear_pointer (&self->joined_name, g_free);
  gtk_label_set_text (self->joined_title, "");
  gtk_label_set_text (self->place_label, "");
  gtk_label_set_text (self->place_number, "");
  gtk_label_set_text (self->joined_estimate, "");
  gtk_widget_set_visible (self->pending_box, FALSE);
  gtk_stack_set_visible_child_name (self->stack, self->closed ? "closed" : "form");
}

/* ---- actions ----------------------------------------------------------------- */

/* The phone as typed, checked as the desk will: a clear word next to the
 * field (and said by a screen reader there) for an impossible number. */
static gboolean
check_phone (KioskWalkinPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = kiosk_phone_normalize (gtk_editable_get_text (self->phone_entry), &error);

  kiosk_walkin_set_field_error (GTK_WIDGET (self->phone_entry), self->phone_message,
                                phone == NULL ? error->message : NULL);
  return phone != NULL;
}

static void
join_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KioskWalkinPage *self = KIOSK_WALKIN_PAGE (widget);
  KioskContext *context = kiosk_page_get_context (KIOSK_PAGE (self));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (self->name_entry)));
  g_autoptr(GDateTime) consent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GtkWidget *first_wrong = NULL;
  const char *space;

  set_message (self->form_message, NULL);
  kiosk_walkin_set_field_error (GTK_WIDGET (self->name_entry), self->name_message,
                                *name == '\0' ? _("Please write your name.") : NULL);
  if (*name == '\0')
    first_wrong = GTK_WIDGET (self->name_entry);
  if (!check_phone (self) && first_wrong == NULL)
    first_wrong = GTK_WIDGET (self->phone_entry);
  if (first_wrong == NULL && self->service_id == NULL)
    {
      GtkFlowBoxChild *first = gtk_flow_box_get_child_at_index (self->services_box, 0);

      set_message (self->form_message, _("Please choose a service."));
      first_wrong = first != NULL ? gtk_flow_box_child_get_child (first) : NULL;
      if (first_wrong == NULL || !gtk_widget_get_focusable (first_wrong))
        first_wrong = GTK_WIDGET (self->join_button);
    }
  if (first_wrong != NULL)
    {
      gtk_widget_grab_focus (first_wrong);
      return;
    }

  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->consent_check)))
    consent = kiosk_context_dup_now (context);
  id = kiosk_desk_join_queue (context, name, gtk_editable_get_text (self->phone_entry),
                              self->service_id, self->employee_id, consent, &error);
  if (id == NULL && g_error_matches (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_EXISTS))
    {
      /* Already in today's queue with this number: said at the number. */
      kiosk_walkin_set_field_error (GTK_WIDGET (self->phone_entry), self->phone_message, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->phone_entry));
      return;
    }
  if (id == NULL)
    {
      set_message (self->form_message, error->message);
      gtk_widget_grab_focus (g_error_matches (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NO_CONSENT)
                             ? self->consent_check : self->join_button);
      return;
    }

  /* Only the first name stays on screen, for the thank-you. */
  space = strchr (name, ' ');
  g_free (self->joined_name);
  self->joined_name = space != NULL ? g_strndup (name, space - name) : g_strdup (name);
  g_free (self->joined_id);
  self->joined_id = g_steal_pointer (&id);
  clear_form (self);
  gtk_stack_set_visible_child_name (self->stack, "joined");
  /* The desk has announced the change, so the page reloaded already; show
   * the place now anyway in case the replica signal comes later. */
  kiosk_page_reload (KIOSK_PAGE (self));
  gtk_widget_grab_focus (self->done_button);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  kiosk_page_clear (KIOSK_PAGE (widget));
  /* Back to the start for the next person (outside a window: nothing). */
  gtk_widget_activate_action (widget, "win.show-page", "s", "welcome");
}

static void
phone_changed (KioskWalkinPage *self)
{
  /* A new try: the old message no longer applies. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->phone_message)))
    kiosk_walkin_set_field_error (GTK_WIDGET (self->phone_entry), self->phone_message, NULL);
}

static void
phone_focus_left (KioskWalkinPage *self)
{
  if (*gtk_editable_get_text (self->phone_entry) != '\0')
    check_phone (self);
}

static void
name_changed (KioskWalkinPage *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->name_message)))
    kiosk_walkin_set_field_error (GTK_WIDGET (self->name_entry), self->name_message, NULL);
}

static void
staff_mode_changed (KioskWalkinPage *self)
{
  kiosk_page_reload (KIOSK_PAGE (self));
}

/* ---- the object --------------------------------------------------------------- */

static void
kiosk_walkin_page_dispose (GObject *object)
{
  KioskWalkinPage *self = KIOSK_WALKIN_PAGE (object);

  self->anyone_button = NULL;
  g_clear_object (&self->no_service);
  g_clear_pointer (&self->service_buttons, g_hash_table_unref);
  g_clear_pointer (&self->staff_buttons, g_hash_table_unref);
  g_clear_pointer (&self->employee_names, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_WALKIN_PAGE);

  G_OBJECT_CLASS (kiosk_walkin_page_parent_class)->dispose (object);
}

static void
kiosk_walkin_page_finalize (GObject *object)
{
  KioskWalkinPage *self = KIOSK_WALKIN_PAGE (object);

  g_free (self->services_signature);
  g_free (self->staff_signature);
  g_free (self->service_id);
  g_free (self->employee_id);
  g_free (self->joined_id);
  g_free (self->joined_name);

  G_OBJECT_CLASS (kiosk_walkin_page_parent_class)->finalize (object);
}

static void
kiosk_walkin_page_class_init (KioskWalkinPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_walkin_page_dispose;
  object_class->finalize = kiosk_walkin_page_finalize;
  page_class->reload = kiosk_walkin_page_reload;
  page_class->clear = kiosk_walkin_page_clear;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-walkin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, name_message);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, phone_message);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, services_box);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, staff_box);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, estimate_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, estimate_note);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, form_message);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, join_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, form_box);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, joined_title);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, place_number);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, place_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, joined_estimate);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, pending_box);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, done_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, KioskWalkinPage, closed_label);

  gtk_widget_class_install_action (widget_class, "walkin.join", NULL, join_action);
  gtk_widget_class_install_action (widget_class, "walkin.done", NULL, done_action);
}

static void
kiosk_walkin_page_init (KioskWalkinPage *self)
{
  GtkEventController *focus;

  self->service_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->staff_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->employee_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->no_service = g_object_ref_sink (gtk_toggle_button_new ());
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->no_service), TRUE);

  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_list_box_set_empty_text (self->queue_list, _("No one is waiting right now."));
  /* The salon's legal text whose version the desk sends with the consent
   * (domain/kiosk-kvkk.h): Turkish and English together, not translated. */
  gtk_label_set_text (self->notice_label, kiosk_kvkk_walkin_notice);

  /* The consent, right under the notice it agrees to. */
  self->consent_check = kiosk_walkin_check_new (_("I have read the privacy notice (KVKK) and _agree"));
  gtk_widget_set_name (self->consent_check, "walkin-consent-check");
  gtk_box_insert_child_after (self->form_box, self->consent_check,
                              gtk_widget_get_prev_sibling (GTK_WIDGET (self->form_message)));

  g_signal_connect_swapped (self->phone_entry, "changed", G_CALLBACK (phone_changed), self);
  g_signal_connect_swapped (self->name_entry, "changed", G_CALLBACK (name_changed), self);
  g_signal_connect_swapped (self->phone_entry, "activate", G_CALLBACK (check_phone), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (phone_focus_left), self);
  gtk_widget_add_controller (GTK_WIDGET (self->phone_entry), focus);
  g_signal_connect (self, "notify::staff-mode", G_CALLBACK (staff_mode_changed), NULL);

  gtk_label_set_text (self->estimate_label, _("Choose a service to see the wait."));
}

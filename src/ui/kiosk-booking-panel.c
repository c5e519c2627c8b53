/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Four steps in a stack: "slot" (service, staff, day, a free time),
 * "customer" (search or a new one), "summary" (check and book) and
 * "booked". Choices are kept as ids and the chosen slot, never as widgets,
 * so the lists can be rebuilt whenever the replica changes.
 */
#define G_LOG_DOMAIN "kiosk-booking-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-context-reads.h"
#include "kiosk-time.h"
#include "kiosk-booking-panel.h"
#include "kiosk-customer-search.h"
#include "kiosk-desk-bookings.h"
#include "kiosk-format.h"
#include "kiosk-panel.h"
#include "kiosk-widgets.h"

/* How far "next free" looks past a day without a free time. */
#define NEXT_FREE_DAYS 14
/* Columns of the staff and slot grids. */
#define STAFF_COLUMNS 3
#define SLOT_COLUMNS  4

struct _KioskBookingPanel
{
  KioskPanel           parent_instance;

  KioskContext        *context;         /* the panel's, for short */

  /* template */
  GtkLabel            *title_label;
  GtkStack            *step_stack;
  GtkScrolledWindow   *slot_scroller;
  GtkBox              *chosen_service_box;
  GtkLabel            *chosen_service_label;
  GtkRevealer         *service_revealer;
  GtkBox              *service_box;
  GtkGrid             *staff_grid;
  GtkLabel            *date_label;
  GtkLabel            *slot_error_label;
  GtkLabel            *reason_label;
  GtkButton           *next_free_button;
  GtkLabel            *next_free_label;
  GtkGrid             *slot_grid;
  GtkLabel            *choice_label;
  KioskCustomerSearch *customer_search;
  GtkToggleButton     *new_customer_button;
  GtkRevealer         *new_customer_revealer;
  GtkEntry            *first_name_entry;
  GtkEntry            *last_name_entry;
  GtkEntry            *phone_entry;
  GtkCheckButton      *consent_check;
  GtkLabel            *new_customer_error_label;
  GtkButton           *use_existing_button;
  GtkListBox          *summary_list;
  GtkLabel            *book_error_label;
  GtkButton           *book_button;
  GtkLabel            *booked_label;
  GtkLabel            *booked_detail_label;
  GtkButton           *another_button;

  /* what was chosen */
  char                *date;            /* YYYY-MM-DD */
  char                *service_id;
  char                *employee_id;     /* staff filter, NULL: anyone */
  int                  wanted_time;     /* from start(), -1: none */
  gboolean             focus_wanted;    /* move the keyboard to it once shown */
  KioskSlot           *slot;
  char                *customer_id;
  char                *existing_customer_id;  /* offered after "phone exists" */
  KioskSlot           *next_free;

  GPtrArray           *services;        /* KioskService *, active ones */
  GPtrArray           *employees;       /* KioskEmployee * */
  GPtrArray           *slots;           /* KioskSlot *, the buttons' */

  gboolean             updating;        /* toggles set by code, not by a person */
};

G_DEFINE_FINAL_TYPE (KioskBookingPanel, kiosk_booking_panel, KIOSK_TYPE_PANEL)

enum {
  DONE,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload_slots (KioskBookingPanel *self,
                          gboolean           keep_focus);
static void reload_staff (KioskBookingPanel *self);

/* ---- small helpers -------------------------------------------------------- */

static const KioskService *
find_service (KioskBookingPanel *self,
              const char        *id)
{
  for (guint i = 0; id != NULL && self->services != NULL && i < self->services->len; i++)
    {
      const KioskService *service = g_ptr_array_index (self->services, i);

      if (g_str_equal (service->id, id))
        return service;
    }
  return NULL;
}

static const KioskEmployee *
find_employee (KioskBookingPanel *self,
               const char        *id)
{
  for (guint i = 0; id != NULL && self->employees != NULL && i < self->employees->len; i++)
    {
      const KioskEmployee *employee = g_ptr_array_index (self->employees, i);

      if (g_str_equal (employee->id, id))
        return employee;
    }
  return NULL;
}

static const char *
employee_name (KioskBookingPanel *self,
               const char        *id)
{
  const KioskEmployee *employee = find_employee (self, id);

  return employee != NULL && employee->name != NULL ? employee->name : _("Any staff member");
}

static gboolean
employee_does (const KioskEmployee *employee,
               const char          *service_id)
{
  return employee->is_active &&
         (service_id == NULL ||
          (employee->services != NULL && g_strv_contains ((const char * const *)employee->services, service_id)));
}

/* @date at noon in the salon's time zone (for the date's name). */
static GDateTime *
date_time_of (KioskBookingPanel *self,
              const char        *date)
{
  g_autoptr(GDateTime) now = kiosk_context_dup_now (self->context);
  GDate parsed;

  if (date == NULL || !kiosk_date_parse (date, &parsed))
    return g_date_time_ref (now);
  return g_date_time_new (g_date_time_get_timezone (now),
                          g_date_get_year (&parsed), g_date_get_month (&parsed), g_date_get_day (&parsed),
                          12, 0, 0);
}

static char *
format_date (KioskBookingPanel *self,
             const char        *date)
{
  g_autoptr(GDateTime) dt = date_time_of (self, date);

  return kiosk_format_long_date (dt);
}

static char *
shift_date (const char *date,
            int         days)
{
  char *moved = kiosk_date_add_days (date, days);

  return moved != NULL ? moved : g_strdup (date);
}

static char *
customer_full_name (const KioskCustomer *customer)
{
  g_autofree char *name = g_strdup_printf ("%s %s",
                                           customer->first_name != NULL ? customer->first_name : "",
                                           customer->last_name != NULL ? customer->last_name : "");

  g_strstrip (name);
  if (*name == '\0')
    return g_strdup (_("Guest"));
  return g_steal_pointer (&name);
}

/* "14:30 with Ayşe": what a slot's button says to a screen reader. */
static char *
describe_slot (KioskBookingPanel *self,
               const KioskSlot   *slot)
{
  g_autofree char *time = kiosk_format_time (slot->start);

  /* Translators: a free time and who is free then, "14:30 with Ayşe Kaya". */
  return g_strdup_printf (_("%s with %s"), time, employee_name (self, slot->employee));
}

static void
remove_grid_children (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
update_actions (KioskBookingPanel *self)
{
  g_autofree char *today = kiosk_context_dup_today (self->context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.previous-day",
                                 self->date != NULL && g_strcmp0 (self->date, today) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.book",
                                 self->slot != NULL && self->customer_id != NULL && self->service_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.change-customer", self->slot != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.next-free", self->next_free != NULL);
}

static void
show_step (KioskBookingPanel *self,
           const char        *step)
{
  gtk_stack_set_visible_child_name (self->step_stack, step);
  update_actions (self);
}

/* ---- step 1: service, staff, day, slot ------------------------------------ */

static char *
describe_service (const KioskService *service)
{
  g_autofree char *duration = kiosk_format_duration (service->duration);
  g_autofree char *price = kiosk_format_money (service->price);

  /* Translators: "<duration> · <price>", e.g. "45 dk · ₺350,00". */
  return g_strdup_printf (_("%s · %s"), duration, price);
}

/* Once a service is chosen its list folds away to one line, so the free
 * times are near the top; @animate is FALSE when starting over. */
static void
show_service_choice (KioskBookingPanel *self,
                     gboolean           animate)
{
  const KioskService *service = find_service (self, self->service_id);
  GtkRevealerTransitionType type = gtk_revealer_get_transition_type (self->service_revealer);

  if (service != NULL)
    {
      g_autofree char *detail = describe_service (service);
      /* Translators: the chosen service, "Kadın Saç Kesimi · 45 dk · ₺650,00". */
      g_autofree char *text = g_strdup_printf (_("%s · %s"), service->name, detail);

      gtk_label_set_text (self->chosen_service_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->chosen_service_box), service != NULL);
  if (!animate)
    gtk_revealer_set_transition_type (self->service_revealer, GTK_REVEALER_TRANSITION_TYPE_NONE);
  gtk_revealer_set_reveal_child (self->service_revealer, service == NULL);
  gtk_revealer_set_transition_type (self->service_revealer, type);
}

static void
change_service_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->chosen_service_box), FALSE);
  gtk_revealer_set_reveal_child (self->service_revealer, TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->service_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child) && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child)))
      gtk_widget_grab_focus (child);
}

static void
service_toggled_cb (GtkToggleButton   *button,
                    KioskBookingPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "service-id");

  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  g_free (self->service_id);
  self->service_id = g_strdup (id);
  g_clear_pointer (&self->slot, kiosk_slot_free);
  kiosk_panel_show_label (self->slot_error_label, NULL);
  show_service_choice (self, TRUE);
  /* Only those who do it; the toggles are rebuilt, not the person's focus. */
  reload_staff (self);
  reload_slots (self, FALSE);
}

static void
staff_toggled_cb (GtkToggleButton   *button,
                  KioskBookingPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "employee-id");

  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  g_free (self->employee_id);
  self->employee_id = g_strdup (id);
  g_clear_pointer (&self->slot, kiosk_slot_free);
  kiosk_panel_show_label (self->slot_error_label, NULL);
  reload_slots (self, FALSE);
}

static GtkWidget *
make_service_button (KioskBookingPanel  *self,
                     const KioskService *service,
                     GtkToggleButton    *group)
{
  g_autofree char *detail = describe_service (service);
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (service->name);
  GtkWidget *detail_label = gtk_label_new (detail);

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "row-title");
  gtk_widget_add_css_class (detail_label, "dim-label");
  gtk_widget_add_css_class (detail_label, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail_label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, service->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "service-id", g_strdup (service->id), g_free);
  g_signal_connect (button, "toggled", G_CALLBACK (service_toggled_cb), self);
  return button;
}

static void
reload_services (KioskBookingPanel *self)
{
  KioskContext *context = self->context;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = kiosk_context_list_services (context, &error);
  g_autoptr(GPtrArray) employees = kiosk_context_list_employees (context, NULL);
  GtkToggleButton *group = NULL;

  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_pointer (&self->employees, g_ptr_array_unref);
  self->services = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_service_free);
  self->employees = employees != NULL ? g_steal_pointer (&employees)
                                      : g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_employee_free);

  if (services == NULL)
    g_warning ("Cannot read the services: %s", error->message);
  while (services != NULL && services->len > 0)
    {
      KioskService *service = g_ptr_array_steal_index (services, 0);

      if (service->is_active)
        g_ptr_array_add (self->services, service);
      else
        kiosk_service_free (service);
    }

  if (find_service (self, self->service_id) == NULL)
    g_clear_pointer (&self->service_id, g_free);

  self->updating = TRUE;
  kiosk_box_remove_all (self->service_box);
  for (guint i = 0; i < self->services->len; i++)
    {
      const KioskService *service = g_ptr_array_index (self->services, i);
      GtkWidget *button = make_service_button (self, service, group);

      if (group == NULL)
        group = GTK_TOGGLE_BUTTON (button);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), g_strcmp0 (service->id, self->service_id) == 0);
      gtk_box_append (self->service_box, button);
    }
  if (self->services->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("The salon has no services to book yet."));

      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_box_append (self->service_box, empty);
    }
  self->updating = FALSE;
}

static GtkWidget *
make_staff_button (KioskBookingPanel *self,
                   const char        *label,
                   const char        *employee_id,
                   GtkToggleButton   *group)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);

  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
  g_object_set_data_full (G_OBJECT (button), "employee-id", g_strdup (employee_id), g_free);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), g_strcmp0 (employee_id, self->employee_id) == 0);
  g_signal_connect (button, "toggled", G_CALLBACK (staff_toggled_cb), self);
  return button;
}

/* "Anyone" and the active staff who do the chosen service (all active
 * staff while no service is chosen). A chosen person who does not do the
 * service falls back to anyone. */
static void
reload_staff (KioskBookingPanel *self)
{
  GtkWidget *anyone;
  guint n = 1;

  if (self->employee_id != NULL)
    {
      const KioskEmployee *chosen = find_employee (self, self->employee_id);

      if (chosen == NULL || !employee_does (chosen, self->service_id))
        g_clear_pointer (&self->employee_id, g_free);
    }

  self->updating = TRUE;
  remove_grid_children (self->staff_grid);
  /* Translators: the staff choice of a booking: whoever is free. */
  anyone = make_staff_button (self, _("Anyone"), NULL, NULL);
  gtk_grid_attach (self->staff_grid, anyone, 0, 0, 1, 1);
  for (guint i = 0; i < self->employees->len; i++)
    {
      const KioskEmployee *employee = g_ptr_array_index (self->employees, i);
      GtkWidget *button;

      if (!employee_does (employee, self->service_id))
        continue;
      button = make_staff_button (self, employee->name, employee->id, GTK_TOGGLE_BUTTON (anyone));
      gtk_grid_attach (self->staff_grid, button, (int)(n % STAFF_COLUMNS), (int)(n / STAFF_COLUMNS), 1, 1);
      n++;
    }
  self->updating = FALSE;
}

static void
slot_clicked_cb (GtkButton         *button,
                 KioskBookingPanel *self);

static GtkWidget *
make_slot_button (KioskBookingPanel *self,
                  const KioskSlot   *slot,
                  guint              index)
{
  g_autofree char *time = kiosk_format_time (slot->start);
  g_autofree char *name = describe_slot (self, slot);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *time_label = gtk_label_new (time);
  GtkWidget *staff_label = gtk_label_new (employee_name (self, slot->employee));

  gtk_widget_add_css_class (time_label, "row-title");
  gtk_widget_add_css_class (time_label, "numeric");
  gtk_label_set_ellipsize (GTK_LABEL (staff_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (staff_label, "dim-label");
  gtk_box_append (GTK_BOX (box), time_label);
  gtk_box_append (GTK_BOX (box), staff_label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_tooltip_text (button, name);
  g_object_set_data (G_OBJECT (button), "slot-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (slot_clicked_cb), self);
  if (self->wanted_time >= 0 && slot->start == self->wanted_time)
    gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

/* The first free time on the days after @self->date, for a day without any. */
static KioskSlot *
find_next_free (KioskBookingPanel *self)
{
  for (int d = 1; d <= NEXT_FREE_DAYS; d++)
    {
      g_autofree char *date = shift_date (self->date, d);
      g_autoptr(GPtrArray) slots = NULL;
      KioskSlotsReason reason = KIOSK_SLOTS_AVAILABLE;

      slots = kiosk_desk_find_slots (self->context, self->service_id, date, self->employee_id, &reason, NULL);
      if (slots == NULL)
        return NULL;
      if (slots->len > 0)
        return kiosk_slot_copy (g_ptr_array_index (slots, 0));
      if (reason == KIOSK_SLOTS_SERVICE_UNAVAILABLE || reason == KIOSK_SLOTS_NO_STAFF_FOR_SERVICE ||
          reason == KIOSK_SLOTS_TOO_LONG)
        return NULL;
    }
  return NULL;
}

static gboolean
focus_is_in (GtkWidget *ancestor)
{
  GtkRoot *root = gtk_widget_get_root (ancestor);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == ancestor || gtk_widget_is_ancestor (focus, ancestor));
}

static void
reload_slots (KioskBookingPanel *self,
              gboolean           keep_focus)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *date_text = format_date (self, self->date);
  KioskSlotsReason reason = KIOSK_SLOTS_AVAILABLE;
  int focus_start = -1;
  g_autofree char *focus_employee = NULL;
  GtkWidget *to_focus = NULL;
  GtkWidget *wanted = NULL;
  guint n = 0;

  gtk_label_set_text (self->date_label, date_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, date_text, -1);

  /* Keep the keyboard where it was when the grid is rebuilt under it. */
  if (keep_focus && focus_is_in (GTK_WIDGET (self->slot_grid)))
    {
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

      while (focus != NULL && !GTK_IS_BUTTON (focus))
        focus = gtk_widget_get_parent (focus);
      if (focus != NULL && self->slots != NULL)
        {
          guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (focus), "slot-index"));

          if (index < self->slots->len)
            {
              const KioskSlot *slot = g_ptr_array_index (self->slots, index);

              focus_start = slot->start;
              focus_employee = g_strdup (slot->employee);
            }
        }
    }

  remove_grid_children (self->slot_grid);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->next_free, kiosk_slot_free);
  gtk_widget_set_visible (GTK_WIDGET (self->next_free_button), FALSE);

  if (self->service_id == NULL)
    {
      kiosk_panel_show_label (self->reason_label, _("Choose a service to see the free times."));
      update_actions (self);
      return;
    }

  found = kiosk_desk_find_slots (self->context, self->service_id, self->date, self->employee_id, &reason, &error);
  if (found == NULL)
    {
      kiosk_panel_show_label (self->reason_label, error->message);
      update_actions (self);
      return;
    }

  self->slots = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_slot_free);
  for (guint i = 0; i < found->len; i++)
    {
      const KioskSlot *slot = g_ptr_array_index (found, i);
      GtkWidget *button;

      /* With anyone, one button per time: the first free person (the
       * finder sorts by time, then in the staff order "anyone" uses). */
      if (self->employee_id == NULL && self->slots->len > 0 &&
          ((KioskSlot *)g_ptr_array_index (self->slots, self->slots->len - 1))->start == slot->start)
        continue;

      g_ptr_array_add (self->slots, kiosk_slot_copy (slot));
      button = make_slot_button (self, slot, self->slots->len - 1);
      gtk_grid_attach (self->slot_grid, button, (int)(n % SLOT_COLUMNS), (int)(n / SLOT_COLUMNS), 1, 1);
      n++;

      if (slot->start == focus_start && (to_focus == NULL || g_strcmp0 (slot->employee, focus_employee) == 0))
        to_focus = button;
      if (wanted == NULL && self->wanted_time >= 0 && slot->start >= self->wanted_time)
        wanted = button;
    }

  if (self->slots->len == 0)
    {
      kiosk_panel_show_label (self->reason_label, kiosk_slots_reason_describe (reason));
      if (reason == KIOSK_SLOTS_FULL || reason == KIOSK_SLOTS_PAST || reason == KIOSK_SLOTS_CLOSED)
        self->next_free = find_next_free (self);
      if (self->next_free != NULL)
        {
          g_autofree char *day = format_date (self, self->next_free->date);
          g_autofree char *when = describe_slot (self, self->next_free);
          /* Translators: "Next free: <date>, <time> with <staff>". */
          g_autofree char *text = g_strdup_printf (_("Next free: %s, %s"), day, when);

          gtk_label_set_text (self->next_free_label, text);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_free_button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
          gtk_widget_set_visible (GTK_WIDGET (self->next_free_button), TRUE);
        }
    }
  else
    {
      g_autofree char *count = g_strdup_printf (ngettext ("%u free time.", "%u free times.", self->slots->len),
                                                self->slots->len);

      kiosk_panel_show_label (self->reason_label, count);
    }

  update_actions (self);

  if (to_focus != NULL)
    gtk_widget_grab_focus (to_focus);
  else if (keep_focus && focus_start >= 0 && self->slots->len > 0)
    gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->slot_grid)));
  else if (wanted != NULL && self->focus_wanted)
    gtk_widget_grab_focus (wanted);
  self->focus_wanted = FALSE;
}

static void
set_date (KioskBookingPanel *self,
          const char        *date)
{
  g_free (self->date);
  self->date = g_strdup (date);
  g_clear_pointer (&self->slot, kiosk_slot_free);
  kiosk_panel_show_label (self->slot_error_label, NULL);
  reload_slots (self, FALSE);
}

static void
previous_day_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (widget);
  g_autofree char *date = shift_date (self->date, -1);

  set_date (self, date);
}

static void
next_day_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (widget);
  g_autofree char *date = shift_date (self->date, 1);

  set_date (self, date);
}

static void
next_free_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (widget);
  g_autoptr(KioskSlot) next = g_steal_pointer (&self->next_free);

  if (next == NULL)
    return;
  /* Go to that day with the time marked and focused. */
  self->wanted_time = next->start;
  self->focus_wanted = TRUE;
  set_date (self, next->date);
}

/* ---- step 2: the customer --------------------------------------------------- */

static void
show_summary (KioskBookingPanel *self);

static void
show_customer_step (KioskBookingPanel *self)
{
  const KioskService *service = find_service (self, self->service_id);
  g_autofree char *day = format_date (self, self->slot->date);
  g_autofree char *when = describe_slot (self, self->slot);
  /* Translators: "<service>, <date>, <time> with <staff>". */
  g_autofree char *text = g_strdup_printf (_("%s, %s, %s"), service != NULL ? service->name : "", day, when);

  gtk_label_set_text (self->choice_label, text);
  show_step (self, "customer");
  kiosk_customer_search_focus (self->customer_search);
}

static void
choose_slot (KioskBookingPanel *self,
             const KioskSlot   *slot)
{
  g_clear_pointer (&self->slot, kiosk_slot_free);
  self->slot = kiosk_slot_copy (slot);
  kiosk_panel_show_label (self->slot_error_label, NULL);
  if (self->customer_id != NULL)
    show_summary (self);
  else
    show_customer_step (self);
}

static void
slot_clicked_cb (GtkButton         *button,
                 KioskBookingPanel *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "slot-index"));

  if (self->slots != NULL && index < self->slots->len)
    choose_slot (self, g_ptr_array_index (self->slots, index));
}

static void
customer_activated_cb (KioskBookingPanel *self,
                       const char        *customer_id)
{
  g_free (self->customer_id);
  self->customer_id = g_strdup (customer_id);
  show_summary (self);
}

static void
clear_new_customer_form (KioskBookingPanel *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->first_name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->last_name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_entry), "");
  gtk_check_button_set_active (self->consent_check, FALSE);
  kiosk_panel_show_label (self->new_customer_error_label, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->use_existing_button), FALSE);
  g_clear_pointer (&self->existing_customer_id, g_free);
  gtk_toggle_button_set_active (self->new_customer_button, FALSE);
}

static void
new_customer_toggled_cb (KioskBookingPanel *self,
                         GtkToggleButton   *button)
{
  gboolean open = gtk_toggle_button_get_active (button);

  gtk_revealer_set_reveal_child (self->new_customer_revealer, open);
  if (open)
    gtk_widget_grab_focus (GTK_WIDGET (self->first_name_entry));
}

static void
add_customer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) consent = NULL;
  g_autofree char *id = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->use_existing_button), FALSE);
  g_clear_pointer (&self->existing_customer_id, g_free);

  if (gtk_check_button_get_active (self->consent_check))
    consent = kiosk_context_dup_now (self->context);

  id = kiosk_desk_register_customer (self->context,
                                     gtk_editable_get_text (GTK_EDITABLE (self->first_name_entry)),
                                     gtk_editable_get_text (GTK_EDITABLE (self->last_name_entry)),
                                     gtk_editable_get_text (GTK_EDITABLE (self->phone_entry)),
                                     consent, &error);
  if (id == NULL)
    {
      if (g_error_matches (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_EXISTS))
        {
          g_autoptr(KioskCustomer) existing =
            kiosk_desk_find_self (self->context, gtk_editable_get_text (GTK_EDITABLE (self->phone_entry)), NULL);

          if (existing != NULL)
            {
              g_autofree char *name = customer_full_name (existing);
              /* Translators: after "this phone number is already a member": whose it is. */
              g_autofree char *text = g_strdup_printf (_("%s It belongs to %s."), error->message, name);

              self->existing_customer_id = g_strdup (existing->id);
              gtk_widget_set_visible (GTK_WIDGET (self->use_existing_button), TRUE);
              kiosk_panel_show_label (self->new_customer_error_label, text);
              return;
            }
        }
      kiosk_panel_show_label (self->new_customer_error_label, error->message);
      return;
    }

  g_free (self->customer_id);
  self->customer_id = g_steal_pointer (&id);
  clear_new_customer_form (self);
  show_summary (self);
}

static void
use_existing_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (widget);
  g_autofree char *id = g_steal_pointer (&self->existing_customer_id);

  if (id == NULL)
    return;
  clear_new_customer_form (self);
  customer_activated_cb (self, id);
}

/* ---- step 3: summary and book ---------------------------------------------- */

static void
add_summary_row (KioskBookingPanel *self,
                 const char        *title,
                 const char        *subtitle)
{
  GtkWidget *row = kiosk_row_new (title, subtitle, NULL, NULL);

  gtk_list_box_append (self->summary_list, row);
}

static void
show_summary (KioskBookingPanel *self)
{
  KioskContext *context = self->context;
  const KioskService *service = find_service (self, self->service_id);
  g_autoptr(KioskCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  if (self->slot == NULL || self->customer_id == NULL)
    return;

  customer = kiosk_context_get_customer (context, self->customer_id, &error);
  kiosk_list_box_remove_all (self->summary_list);

  if (service != NULL)
    {
      g_autofree char *duration = kiosk_format_duration (service->duration);
      g_autofree char *price = kiosk_format_money (service->price);
      g_autofree char *detail = g_strdup_printf (_("%s · %s"), duration, price);

      add_summary_row (self, service->name, detail);
    }
  {
    g_autofree char *day = format_date (self, self->slot->date);
    g_autofree char *range = kiosk_format_time_range (self->slot->start, self->slot->end);

    add_summary_row (self, day, range);
  }
  add_summary_row (self, employee_name (self, self->slot->employee), _("Staff member"));
  if (customer != NULL)
    {
      g_autofree char *name = customer_full_name (customer);
      g_autofree char *phone = kiosk_format_phone (customer->phone != NULL ? customer->phone : "");

      add_summary_row (self, name, phone);
    }
  else
    {
      g_warning ("Cannot read the chosen customer: %s", error != NULL ? error->message : "gone");
      g_clear_pointer (&self->customer_id, g_free);
      show_customer_step (self);
      return;
    }

  kiosk_panel_show_label (self->book_error_label, NULL);
  show_step (self, "summary");
  gtk_widget_grab_focus (GTK_WIDGET (self->book_button));
}

static const char *
booked_message (KioskBookingPanel *self)
{
  KioskSyncState state = kiosk_sync_monitor_get_state (kiosk_context_get_sync_monitor (self->context));

  if (state == KIOSK_SYNC_STATE_OFFLINE || state == KIOSK_SYNC_STATE_WAITING)
    return _("Booked — will upload when the connection returns");
  return _("Booked");
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (widget);
  const KioskService *service = find_service (self, self->service_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (self->slot == NULL || self->customer_id == NULL || service == NULL)
    return;

  /* With "anyone" the server picks whoever is free when it gets the
   * booking; the desk writes down the one shown meanwhile. */
  id = kiosk_desk_book (self->context, self->customer_id, self->service_id,
                        self->employee_id != NULL ? self->slot->employee : NULL,
                        self->slot->date, self->slot->start, NULL, &error);
  if (id == NULL)
    {
      if (g_error_matches (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED))
        {
          /* Taken meanwhile: back to the times, as they are now. */
          g_clear_pointer (&self->slot, kiosk_slot_free);
          show_step (self, "slot");
          reload_slots (self, FALSE);
          kiosk_panel_show_label (self->slot_error_label, error->message);
          if (gtk_widget_get_first_child (GTK_WIDGET (self->slot_grid)) != NULL)
            gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->slot_grid)));
          return;
        }
      kiosk_panel_show_label (self->book_error_label, error->message);
      return;
    }

  g_debug ("Booked appointment %s", id);
  {
    g_autofree char *day = format_date (self, self->slot->date);
    g_autofree char *when = describe_slot (self, self->slot);
    g_autofree char *detail = g_strdup_printf (_("%s, %s, %s"), service->name, day, when);

    gtk_label_set_text (self->booked_label, booked_message (self));
    gtk_label_set_text (self->booked_detail_label, detail);
  }
  /* The next booking starts without this customer. */
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->slot, kiosk_slot_free);
  kiosk_customer_search_clear (self->customer_search);
  show_step (self, "booked");
  gtk_widget_grab_focus (GTK_WIDGET (self->another_button));

  g_signal_emit (self, signals[DONE], 0, id);
}

/* ---- navigation ------------------------------------------------------------- */

static void
change_time_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (widget);

  if (self->slot != NULL)
    {
      self->wanted_time = self->slot->start;
      self->focus_wanted = TRUE;
      g_free (self->date);
      self->date = g_strdup (self->slot->date);
    }
  g_clear_pointer (&self->slot, kiosk_slot_free);
  show_step (self, "slot");
  reload_slots (self, FALSE);
}

static void
change_customer_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (widget);

  g_clear_pointer (&self->customer_id, g_free);
  if (self->slot != NULL)
    show_customer_step (self);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[CANCELLED], 0);
}

/* Escape: one step back, or close from the first and the last step. */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (widget);
  const char *step = gtk_stack_get_visible_child_name (self->step_stack);

  if (g_strcmp0 (step, "customer") == 0)
    change_time_action (widget, NULL, NULL);
  else if (g_strcmp0 (step, "summary") == 0)
    change_customer_action (widget, NULL, NULL);
  else
    close_action (widget, NULL, NULL);
}

static void
another_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (widget);
  g_autofree char *date = g_strdup (self->date);

  kiosk_booking_panel_start (self, date, NULL, -1);
}

static void
kiosk_booking_panel_replica_changed (KioskPanel *panel)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (panel);

  /* Live: another kiosk or the server took (or freed) a time. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->step_stack), "slot") == 0 && self->service_id != NULL)
    reload_slots (self, TRUE);
}

/* ---- public ------------------------------------------------------------------- */

GtkWidget *
kiosk_booking_panel_new (KioskContext *context)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);
  return g_object_new (KIOSK_TYPE_BOOKING_PANEL, "context", context, NULL);
}

void
kiosk_booking_panel_start (KioskBookingPanel *self,
                           const char        *date,
                           const char        *employee_id,
                           int                time)
{
  g_autofree char *today = NULL;
  g_autofree char *start_date = NULL;

  g_return_if_fail (KIOSK_IS_BOOKING_PANEL (self));

  today = kiosk_context_dup_today (self->context);
  /* No booking in the past: a day before today starts at today. */
  start_date = g_strdup (date != NULL && kiosk_date_day_of_week (date) >= 0 && g_strcmp0 (date, today) > 0
                         ? date : today);

  kiosk_booking_panel_clear (self);
  g_free (self->date);
  self->date = g_steal_pointer (&start_date);
  g_free (self->employee_id);
  self->employee_id = g_strdup (employee_id);
  self->wanted_time = time;

  reload_services (self);
  reload_staff (self);
  reload_slots (self, FALSE);
  show_step (self, "slot");

  if (gtk_widget_get_first_child (GTK_WIDGET (self->service_box)) != NULL)
    gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->service_box)));
}

void
kiosk_booking_panel_clear (KioskBookingPanel *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (KIOSK_IS_BOOKING_PANEL (self));

  g_clear_pointer (&self->service_id, g_free);
  g_clear_pointer (&self->employee_id, g_free);
  g_clear_pointer (&self->slot, kiosk_slot_free);
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->next_free, kiosk_slot_free);
  self->wanted_time = -1;

  kiosk_customer_search_clear (self->customer_search);
  clear_new_customer_form (self);
  kiosk_panel_show_label (self->slot_error_label, NULL);
  kiosk_panel_show_label (self->book_error_label, NULL);
  kiosk_list_box_remove_all (self->summary_list);
  gtk_label_set_text (self->choice_label, "");
  gtk_label_set_text (self->booked_label, "");
  gtk_label_set_text (self->booked_detail_label, "");

  self->updating = TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->service_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), FALSE);
  self->updating = FALSE;
  show_service_choice (self, FALSE);
  if (self->employees != NULL)
    reload_staff (self);
  remove_grid_children (self->slot_grid);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->next_free_button), FALSE);
  kiosk_panel_show_label (self->reason_label, _("Choose a service to see the free times."));

  adjustment = gtk_scrolled_window_get_vadjustment (self->slot_scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  show_step (self, "slot");
}

/* ---- GObject ------------------------------------------------------------------- */

static void
kiosk_booking_panel_constructed (GObject *object)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (object);

  G_OBJECT_CLASS (kiosk_booking_panel_parent_class)->constructed (object);

  self->context = kiosk_panel_get_context (KIOSK_PANEL (self));
  kiosk_customer_search_set_context (self->customer_search, self->context);
  self->date = kiosk_context_dup_today (self->context);
  reload_services (self);
  reload_staff (self);
  kiosk_booking_panel_clear (self);
  reload_slots (self, FALSE);
}

static void
kiosk_booking_panel_finalize (GObject *object)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (object);

  g_free (self->date);
  g_free (self->service_id);
  g_free (self->employee_id);
  g_clear_pointer (&self->slot, kiosk_slot_free);
  g_free (self->customer_id);
  g_free (self->existing_customer_id);
  g_clear_pointer (&self->next_free, kiosk_slot_free);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_pointer (&self->employees, g_ptr_array_unref);
  g_clear_pointer (&self->slots, g_ptr_array_unref);

  G_OBJECT_CLASS (kiosk_booking_panel_parent_class)->finalize (object);
}

static void
kiosk_booking_panel_class_init (KioskBookingPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPanelClass *panel_class = KIOSK_PANEL_CLASS (klass);

  object_class->constructed = kiosk_booking_panel_constructed;
  object_class->finalize = kiosk_booking_panel_finalize;

  panel_class->replica_changed = kiosk_booking_panel_replica_changed;

  /**
   * KioskBookingPanel::done:
   * @appointment_id: the new (pending) booking
   *
   * A booking was recorded. The panel stays on its "booked" step, which
   * says whether it uploads now or when the connection returns.
   */
  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * KioskBookingPanel::cancelled:
   *
   * The person closed the panel (Close, or Escape on the first or the
   * last step).
   */
  signals[CANCELLED] =
    g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (KIOSK_TYPE_CUSTOMER_SEARCH);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-booking-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, step_stack);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, slot_scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, chosen_service_box);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, chosen_service_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, service_revealer);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, service_box);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, staff_grid);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, date_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, slot_error_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, reason_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, next_free_button);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, next_free_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, slot_grid);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, choice_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, customer_search);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, new_customer_button);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, new_customer_revealer);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, first_name_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, last_name_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, consent_check);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, new_customer_error_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, use_existing_button);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, summary_list);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, book_error_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, book_button);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, booked_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, booked_detail_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, another_button);
  gtk_widget_class_bind_template_callback (widget_class, customer_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_customer_toggled_cb);

  gtk_widget_class_install_action (widget_class, "booking.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "booking.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "booking.change-service", NULL, change_service_action);
  gtk_widget_class_install_action (widget_class, "booking.previous-day", NULL, previous_day_action);
  gtk_widget_class_install_action (widget_class, "booking.next-day", NULL, next_day_action);
  gtk_widget_class_install_action (widget_class, "booking.next-free", NULL, next_free_action);
  gtk_widget_class_install_action (widget_class, "booking.change-time", NULL, change_time_action);
  gtk_widget_class_install_action (widget_class, "booking.change-customer", NULL, change_customer_action);
  gtk_widget_class_install_action (widget_class, "booking.add-customer", NULL, add_customer_action);
  gtk_widget_class_install_action (widget_class, "booking.use-existing", NULL, use_existing_action);
  gtk_widget_class_install_action (widget_class, "booking.book", NULL, book_action);
  gtk_widget_class_install_action (widget_class, "booking.another", NULL, another_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "booking.back", NULL);

  gtk_widget_class_set_css_name (widget_class, "kioskbookingpanel");
}

static void
kiosk_booking_panel_init (KioskBookingPanel *self)
{
  self->wanted_time = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New booking"), -1);
}

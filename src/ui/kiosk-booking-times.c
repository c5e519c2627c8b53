/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Choices are kept as ids and times, never as widgets, so the staff and the
 * times can be rebuilt whenever the replica changes.
 */
#define G_LOG_DOMAIN "kiosk-booking-times"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-booking-format.h"
#include "kiosk-widgets.h"
#include "kiosk-booking-times.h"
#include "kiosk-context-reads.h"
#include "kiosk-desk-bookings.h"
#include "kiosk-format.h"
#include "kiosk-panel.h"
#include "kiosk-time.h"

/* How far "next free" looks past a day without a free time. */
#define NEXT_FREE_DAYS 14
/* Columns of the staff and slot grids. */
#define STAFF_COLUMNS 3
#define SLOT_COLUMNS  4

struct _KioskBookingTimes
{
  GtkWidget     parent_instance;

  KioskContext *context;

  /* template */
  GtkGrid      *staff_grid;
  GtkLabel     *date_label;
  GtkLabel     *slot_error_label;
  GtkLabel     *reason_label;
  GtkButton    *next_free_button;
  GtkLabel     *next_free_label;
  GtkGrid      *slot_grid;

  char         *date;            /* YYYY-MM-DD */
  char         *service_id;
  char         *employee_id;     /* staff filter, NULL: anyone */
  int           wanted_time;     /* marked, -1: none */
  gboolean      focus_wanted;    /* move the keyboard to it once shown */
  KioskSlot    *next_free;

  GPtrArray    *employees;       /* KioskEmployee * */
  GPtrArray    *slots;           /* KioskSlot *, the buttons' */

  gboolean      updating;        /* toggles set by code, not by a person */
};

G_DEFINE_FINAL_TYPE (KioskBookingTimes, kiosk_booking_times, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  SLOT_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- small helpers -------------------------------------------------------- */

static const KioskEmployee *
find_employee (KioskBookingTimes *self,
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

static gboolean
employee_does (const KioskEmployee *employee,
               const char          *service_id)
{
  return employee->is_active &&
         (service_id == NULL ||
          (employee->services != NULL && g_strv_contains ((const char * const *)employee->services, service_id)));
}

static char *
shift_date (const char *date,
            int         days)
{
  char *moved = kiosk_date_add_days (date, days);

  return moved != NULL ? moved : g_strdup (date);
}

static char *
describe_slot (KioskBookingTimes *self,
               const KioskSlot   *slot)
{
  return kiosk_booking_format_slot (slot, kiosk_booking_times_get_employee_name (self, slot->employee));
}

static void
remove_grid_children (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
update_actions (KioskBookingTimes *self)
{
  g_autofree char *today = kiosk_context_dup_today (self->context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.previous-day",
                                 self->date != NULL && g_strcmp0 (self->date, today) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.next-free", self->next_free != NULL);
}

/* ---- staff ------------------------------------------------------------------ */

static void
staff_toggled_cb (GtkToggleButton   *button,
                  KioskBookingTimes *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "employee-id");

  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  g_free (self->employee_id);
  self->employee_id = g_strdup (id);
  kiosk_panel_show_label (self->slot_error_label, NULL);
  kiosk_booking_times_reload (self, FALSE);
}

static GtkWidget *
make_staff_button (KioskBookingTimes *self,
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
reload_staff (KioskBookingTimes *self)
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

/* ---- the free times ----------------------------------------------------------- */

static void
slot_clicked_cb (GtkButton         *button,
                 KioskBookingTimes *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "slot-index"));

  if (self->slots != NULL && index < self->slots->len)
    {
      kiosk_panel_show_label (self->slot_error_label, NULL);
      g_signal_emit (self, signals[SLOT_CHOSEN], 0, g_ptr_array_index (self->slots, index));
    }
}

static GtkWidget *
make_slot_button (KioskBookingTimes *self,
                  const KioskSlot   *slot,
                  guint              index)
{
  g_autofree char *time = kiosk_format_time (slot->start);
  g_autofree char *name = describe_slot (self, slot);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *time_label = gtk_label_new (time);
  GtkWidget *staff_label = gtk_label_new (kiosk_booking_times_get_employee_name (self, slot->employee));

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
find_next_free (KioskBookingTimes *self)
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
set_date (KioskBookingTimes *self,
          const char        *date)
{
  g_free (self->date);
  self->date = g_strdup (date);
  kiosk_panel_show_label (self->slot_error_label, NULL);
  kiosk_booking_times_reload (self, FALSE);
}

static void
previous_day_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KioskBookingTimes *self = KIOSK_BOOKING_TIMES (widget);
  g_autofree char *date = shift_date (self->date, -1);

  set_date (self, date);
}

static void
next_day_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KioskBookingTimes *self = KIOSK_BOOKING_TIMES (widget);
  g_autofree char *date = shift_date (self->date, 1);

  set_date (self, date);
}

static void
next_free_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KioskBookingTimes *self = KIOSK_BOOKING_TIMES (widget);
  g_autoptr(KioskSlot) next = g_steal_pointer (&self->next_free);

  if (next == NULL)
    return;
  /* Go to that day with the time marked and focused. */
  self->wanted_time = next->start;
  self->focus_wanted = TRUE;
  set_date (self, next->date);
}

/* ---- public ------------------------------------------------------------------- */

KioskContext *
kiosk_booking_times_get_context (KioskBookingTimes *self)
{
  g_return_val_if_fail (KIOSK_IS_BOOKING_TIMES (self), NULL);
  return self->context;
}

void
kiosk_booking_times_set_context (KioskBookingTimes *self,
                                 KioskContext      *context)
{
  g_return_if_fail (KIOSK_IS_BOOKING_TIMES (self));
  g_return_if_fail (context == NULL || KIOSK_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
kiosk_booking_times_start (KioskBookingTimes *self,
                           const char        *date,
                           const char        *employee_id,
                           int                time)
{
  g_autoptr(GPtrArray) employees = NULL;

  g_return_if_fail (KIOSK_IS_BOOKING_TIMES (self));
  g_return_if_fail (self->context != NULL);

  g_free (self->date);
  self->date = g_strdup (date);
  g_free (self->employee_id);
  self->employee_id = g_strdup (employee_id);
  self->wanted_time = time;

  employees = kiosk_context_list_employees (self->context, NULL);
  g_clear_pointer (&self->employees, g_ptr_array_unref);
  self->employees = employees != NULL ? g_steal_pointer (&employees)
                                      : g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_employee_free);
  reload_staff (self);
  kiosk_booking_times_reload (self, FALSE);
}

void
kiosk_booking_times_set_service (KioskBookingTimes *self,
                                 const char        *service_id)
{
  g_return_if_fail (KIOSK_IS_BOOKING_TIMES (self));

  g_free (self->service_id);
  self->service_id = g_strdup (service_id);
  kiosk_panel_show_label (self->slot_error_label, NULL);
  /* Only those who do it; the toggles are rebuilt, not the person's focus. */
  if (self->employees != NULL)
    reload_staff (self);
  kiosk_booking_times_reload (self, FALSE);
}

void
kiosk_booking_times_reload (KioskBookingTimes *self,
                            gboolean           keep_focus)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *date_text = NULL;
  KioskSlotsReason reason = KIOSK_SLOTS_AVAILABLE;
  int focus_start = -1;
  g_autofree char *focus_employee = NULL;
  GtkWidget *to_focus = NULL;
  GtkWidget *wanted = NULL;
  guint n = 0;

  g_return_if_fail (KIOSK_IS_BOOKING_TIMES (self));
  g_return_if_fail (self->context != NULL);

  date_text = kiosk_booking_format_date (self->context, self->date);
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
          g_autofree char *day = kiosk_booking_format_date (self->context, self->next_free->date);
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

void
kiosk_booking_times_want (KioskBookingTimes *self,
                          const KioskSlot   *slot)
{
  g_return_if_fail (KIOSK_IS_BOOKING_TIMES (self));
  g_return_if_fail (slot != NULL);

  self->wanted_time = slot->start;
  self->focus_wanted = TRUE;
  g_free (self->date);
  self->date = g_strdup (slot->date);
}

void
kiosk_booking_times_show_taken (KioskBookingTimes *self,
                                const char        *message)
{
  GtkWidget *first;

  g_return_if_fail (KIOSK_IS_BOOKING_TIMES (self));

  kiosk_booking_times_reload (self, FALSE);
  kiosk_panel_show_label (self->slot_error_label, message);
  first = gtk_widget_get_first_child (GTK_WIDGET (self->slot_grid));
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

void
kiosk_booking_times_clear (KioskBookingTimes *self)
{
  g_return_if_fail (KIOSK_IS_BOOKING_TIMES (self));

  g_clear_pointer (&self->service_id, g_free);
  g_clear_pointer (&self->employee_id, g_free);
  g_clear_pointer (&self->next_free, kiosk_slot_free);
  self->wanted_time = -1;

  kiosk_panel_show_label (self->slot_error_label, NULL);
  if (self->employees != NULL)
    reload_staff (self);
  remove_grid_children (self->slot_grid);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->next_free_button), FALSE);
  kiosk_panel_show_label (self->reason_label, _("Choose a service to see the free times."));
  if (self->context != NULL)
    update_actions (self);
}

const char *
kiosk_booking_times_get_date (KioskBookingTimes *self)
{
  g_return_val_if_fail (KIOSK_IS_BOOKING_TIMES (self), NULL);
  return self->date;
}

const char *
kiosk_booking_times_get_employee (KioskBookingTimes *self)
{
  g_return_val_if_fail (KIOSK_IS_BOOKING_TIMES (self), NULL);
  return self->employee_id;
}

const char *
kiosk_booking_times_get_employee_name (KioskBookingTimes *self,
                                       const char        *employee_id)
{
  const KioskEmployee *employee;

  g_return_val_if_fail (KIOSK_IS_BOOKING_TIMES (self), NULL);

  employee = find_employee (self, employee_id);
  return employee != NULL && employee->name != NULL ? employee->name : _("Any staff member");
}

/* ---- GObject ------------------------------------------------------------------- */

static void
kiosk_booking_times_dispose (GObject *object)
{
  KioskBookingTimes *self = KIOSK_BOOKING_TIMES (object);

  kiosk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_BOOKING_TIMES);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kiosk_booking_times_parent_class)->dispose (object);
}

static void
kiosk_booking_times_finalize (GObject *object)
{
  KioskBookingTimes *self = KIOSK_BOOKING_TIMES (object);

  g_free (self->date);
  g_free (self->service_id);
  g_free (self->employee_id);
  g_clear_pointer (&self->next_free, kiosk_slot_free);
  g_clear_pointer (&self->employees, g_ptr_array_unref);
  g_clear_pointer (&self->slots, g_ptr_array_unref);

  G_OBJECT_CLASS (kiosk_booking_times_parent_class)->finalize (object);
}

static void
kiosk_booking_times_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KioskBookingTimes *self = KIOSK_BOOKING_TIMES (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_booking_times_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KioskBookingTimes *self = KIOSK_BOOKING_TIMES (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kiosk_booking_times_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_booking_times_class_init (KioskBookingTimesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_booking_times_dispose;
  object_class->finalize = kiosk_booking_times_finalize;
  object_class->get_property = kiosk_booking_times_get_property;
  object_class->set_property = kiosk_booking_times_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KIOSK_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskBookingTimes::slot-chosen:
   * @slot: (type gpointer): the free time a person took, a #KioskSlot
   *   valid during the emission
   */
  signals[SLOT_CHOSEN] =
    g_signal_new ("slot-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-booking-times.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskBookingTimes, staff_grid);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingTimes, date_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingTimes, slot_error_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingTimes, reason_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingTimes, next_free_button);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingTimes, next_free_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingTimes, slot_grid);

  gtk_widget_class_install_action (widget_class, "booking.previous-day", NULL, previous_day_action);
  gtk_widget_class_install_action (widget_class, "booking.next-day", NULL, next_day_action);
  gtk_widget_class_install_action (widget_class, "booking.next-free", NULL, next_free_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskbookingtimes");
  /* A group without a name, as the box it stands for. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kiosk_booking_times_init (KioskBookingTimes *self)
{
  GtkLayoutManager *layout;

  self->wanted_time = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);
}

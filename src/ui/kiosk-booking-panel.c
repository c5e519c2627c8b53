/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The flow between the steps, in a stack: "slot" (the service,
 * KioskBookingServices, and a free time, KioskBookingTimes), "customer"
 * (KioskBookingCustomer), "summary" (KioskBookingSummary, which books) and
 * "booked". The panel keeps what was chosen so far, the time and the
 * customer, as ids and the chosen slot, never as widgets.
 */
#define G_LOG_DOMAIN "kiosk-booking-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-booking-customer.h"
#include "kiosk-booking-format.h"
#include "kiosk-booking-panel.h"
#include "kiosk-booking-services.h"
#include "kiosk-booking-summary.h"
#include "kiosk-booking-times.h"
#include "kiosk-context-reads.h"
#include "kiosk-time.h"

struct _KioskBookingPanel
{
  KioskPanel            parent_instance;

  /* template */
  GtkStack             *step_stack;
  GtkScrolledWindow    *slot_scroller;
  KioskBookingServices *services;
  KioskBookingTimes    *times;
  KioskBookingCustomer *customer;
  KioskBookingSummary  *summary;
  GtkLabel             *booked_label;
  GtkLabel             *booked_detail_label;
  GtkButton            *another_button;

  /* what was chosen */
  KioskSlot            *slot;
  char                 *customer_id;
};

G_DEFINE_FINAL_TYPE (KioskBookingPanel, kiosk_booking_panel, KIOSK_TYPE_PANEL)

enum {
  DONE,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static KioskContext *
context_of (KioskBookingPanel *self)
{
  return kiosk_panel_get_context (KIOSK_PANEL (self));
}

static void
show_step (KioskBookingPanel *self,
           const char        *step)
{
  gtk_stack_set_visible_child_name (self->step_stack, step);
  /* Book books what the summary shows, and only while it shows it. */
  if (g_strcmp0 (step, "summary") != 0)
    kiosk_booking_summary_forget (self->summary);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.change-customer", self->slot != NULL);
}

/* "<service>, <date>, <time> with <staff>": what is being booked. */
static char *
describe_choice (KioskBookingPanel *self)
{
  const KioskService *service = kiosk_booking_services_get_chosen (self->services);
  const char *employee = kiosk_booking_times_get_employee_name (self->times, self->slot->employee);
  g_autofree char *day = kiosk_booking_format_date (context_of (self), self->slot->date);
  g_autofree char *when = kiosk_booking_format_slot (self->slot, employee);

  /* Translators: "<service>, <date>, <time> with <staff>". */
  return g_strdup_printf (_("%s, %s, %s"), service != NULL ? service->name : "", day, when);
}

static void
show_customer_step (KioskBookingPanel *self)
{
  g_autofree char *text = describe_choice (self);

  show_step (self, "customer");
  kiosk_booking_customer_start (self->customer, text);
}

static void
show_summary (KioskBookingPanel *self)
{
  g_autoptr(KioskCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  const char *staff_chosen;

  if (self->slot == NULL || self->customer_id == NULL)
    return;

  customer = kiosk_context_get_customer (context_of (self), self->customer_id, &error);
  if (customer == NULL)
    {
      g_warning ("Cannot read the chosen customer: %s", error != NULL ? error->message : "gone");
      g_clear_pointer (&self->customer_id, g_free);
      show_customer_step (self);
      return;
    }

  staff_chosen = kiosk_booking_times_get_employee (self->times);
  kiosk_booking_summary_show (self->summary,
                              kiosk_booking_services_get_chosen (self->services),
                              self->slot,
                              kiosk_booking_times_get_employee_name (self->times, self->slot->employee),
                              staff_chosen != NULL ? self->slot->employee : NULL,
                              customer);
  show_step (self, "summary");
  kiosk_booking_summary_focus (self->summary);
}

static const char *
booked_message (KioskBookingPanel *self)
{
  KioskSyncState state = kiosk_sync_monitor_get_state (kiosk_context_get_sync_monitor (context_of (self)));

  if (state == KIOSK_SYNC_STATE_OFFLINE || state == KIOSK_SYNC_STATE_WAITING)
    return _("Booked — will upload when the connection returns");
  return _("Booked");
}

/* ---- from the steps ------------------------------------------------------------ */

static void
service_chosen_cb (KioskBookingPanel    *self,
                   const char           *service_id,
                   KioskBookingServices *services)
{
  kiosk_booking_times_set_service (self->times, service_id);
}

static void
slot_chosen_cb (KioskBookingPanel *self,
                const KioskSlot   *slot,
                KioskBookingTimes *times)
{
  g_clear_pointer (&self->slot, kiosk_slot_free);
  self->slot = kiosk_slot_copy (slot);
  if (self->customer_id != NULL)
    show_summary (self);
  else
    show_customer_step (self);
}

static void
customer_chosen_cb (KioskBookingPanel    *self,
                    const char           *customer_id,
                    KioskBookingCustomer *customer)
{
  g_free (self->customer_id);
  self->customer_id = g_strdup (customer_id);
  show_summary (self);
}

static void
booked_cb (KioskBookingPanel   *self,
           const char          *appointment_id,
           KioskBookingSummary *summary)
{
  g_autofree char *detail = describe_choice (self);

  gtk_label_set_text (self->booked_label, booked_message (self));
  gtk_label_set_text (self->booked_detail_label, detail);
  /* The next booking starts without this customer. */
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->slot, kiosk_slot_free);
  kiosk_booking_customer_clear_search (self->customer);
  show_step (self, "booked");
  gtk_widget_grab_focus (GTK_WIDGET (self->another_button));

  g_signal_emit (self, signals[DONE], 0, appointment_id);
}

static void
slot_taken_cb (KioskBookingPanel   *self,
               const char          *message,
               KioskBookingSummary *summary)
{
  /* Back to the times, as they are now. */
  g_clear_pointer (&self->slot, kiosk_slot_free);
  show_step (self, "slot");
  kiosk_booking_times_show_taken (self->times, message);
}

/* ---- navigation ------------------------------------------------------------- */

static void
change_time_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (widget);

  if (self->slot != NULL)
    kiosk_booking_times_want (self->times, self->slot);
  g_clear_pointer (&self->slot, kiosk_slot_free);
  show_step (self, "slot");
  kiosk_booking_times_reload (self->times, FALSE);
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
  g_autofree char *date = g_strdup (kiosk_booking_times_get_date (self->times));

  kiosk_booking_panel_start (self, date, NULL, -1);
}

static void
kiosk_booking_panel_replica_changed (KioskPanel *panel)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (panel);

  /* Live: another kiosk or the server took (or freed) a time. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->step_stack), "slot") == 0 &&
      kiosk_booking_services_get_chosen (self->services) != NULL)
    kiosk_booking_times_reload (self->times, TRUE);
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

  today = kiosk_context_dup_today (context_of (self));
  /* No booking in the past: a day before today starts at today. */
  start_date = g_strdup (date != NULL && kiosk_date_day_of_week (date) >= 0 && g_strcmp0 (date, today) > 0
                         ? date : today);

  kiosk_booking_panel_clear (self);
  kiosk_booking_services_reload (self->services);
  kiosk_booking_times_start (self->times, start_date, employee_id, time);
  show_step (self, "slot");
  kiosk_booking_services_focus (self->services);
}

void
kiosk_booking_panel_clear (KioskBookingPanel *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (KIOSK_IS_BOOKING_PANEL (self));

  g_clear_pointer (&self->slot, kiosk_slot_free);
  g_clear_pointer (&self->customer_id, g_free);

  kiosk_booking_services_clear (self->services);
  kiosk_booking_times_clear (self->times);
  kiosk_booking_customer_clear (self->customer);
  kiosk_booking_summary_clear (self->summary);
  gtk_label_set_text (self->booked_label, "");
  gtk_label_set_text (self->booked_detail_label, "");

  adjustment = gtk_scrolled_window_get_vadjustment (self->slot_scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  show_step (self, "slot");
}

/* ---- GObject ------------------------------------------------------------------- */

static void
kiosk_booking_panel_constructed (GObject *object)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (object);
  KioskContext *context;
  g_autofree char *today = NULL;

  G_OBJECT_CLASS (kiosk_booking_panel_parent_class)->constructed (object);

  context = context_of (self);
  kiosk_booking_services_set_context (self->services, context);
  kiosk_booking_times_set_context (self->times, context);
  kiosk_booking_customer_set_context (self->customer, context);
  kiosk_booking_summary_set_context (self->summary, context);

  today = kiosk_context_dup_today (context);
  kiosk_booking_services_reload (self->services);
  kiosk_booking_times_start (self->times, today, NULL, -1);
  kiosk_booking_panel_clear (self);
  kiosk_booking_times_reload (self->times, FALSE);
}

static void
kiosk_booking_panel_finalize (GObject *object)
{
  KioskBookingPanel *self = KIOSK_BOOKING_PANEL (object);

  g_clear_pointer (&self->slot, kiosk_slot_free);
  g_free (self->customer_id);

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

  g_type_ensure (KIOSK_TYPE_BOOKING_SERVICES);
  g_type_ensure (KIOSK_TYPE_BOOKING_TIMES);
  g_type_ensure (KIOSK_TYPE_BOOKING_CUSTOMER);
  g_type_ensure (KIOSK_TYPE_BOOKING_SUMMARY);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-booking-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, step_stack);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, slot_scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, services);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, times);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, customer);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, summary);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, booked_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, booked_detail_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingPanel, another_button);
  gtk_widget_class_bind_template_callback (widget_class, service_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, slot_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, customer_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, booked_cb);
  gtk_widget_class_bind_template_callback (widget_class, slot_taken_cb);

  gtk_widget_class_install_action (widget_class, "booking.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "booking.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "booking.change-time", NULL, change_time_action);
  gtk_widget_class_install_action (widget_class, "booking.change-customer", NULL, change_customer_action);
  gtk_widget_class_install_action (widget_class, "booking.another", NULL, another_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "booking.back", NULL);

  gtk_widget_class_set_css_name (widget_class, "kioskbookingpanel");
}

static void
kiosk_booking_panel_init (KioskBookingPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New booking"), -1);
}

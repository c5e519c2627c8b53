/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The actions are widget actions whose enabled state follows the shown
 * booking (and the buttons' visibility with them), so a key binding or a
 * stale button can never start what the status does not allow; the desk
 * still has the last word and its refusal is shown inline.
 */
#define G_LOG_DOMAIN "kiosk-appointment-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-context-reads.h"
#include "kiosk-time.h"
#include "kiosk-appointment-panel.h"
#include "kiosk-desk-bookings.h"
#include "kiosk-format.h"
#include "kiosk-panel.h"
#include "kiosk-widgets.h"

struct _KioskAppointmentPanel
{
  KioskPanel        parent_instance;

  char             *appointment_id;
  KioskAppointment *appointment;   /* as last read, or NULL */

  /* template */
  GtkLabel         *time_label;
  GtkLabel         *date_label;
  GtkLabel         *empty_label;
  GtkBox           *details_box;
  GtkBox           *status_box;
  GtkLabel         *checked_in_label;
  GtkListBox       *details_list;
  GtkLabel         *message_label;
  GtkLabel         *error_label;
  GtkBox           *actions_box;
  GtkButton        *check_in_button;
  GtkButton        *confirm_button;
  GtkButton        *complete_button;
  GtkButton        *no_show_button;
  GtkButton        *cancel_button;
  GtkRevealer      *cancel_revealer;
  GtkButton        *cancel_confirm_button;
};

G_DEFINE_FINAL_TYPE (KioskAppointmentPanel, kiosk_appointment_panel, KIOSK_TYPE_PANEL)

enum {
  PROP_0,
  PROP_APPOINTMENT,
  N_PROPS
};

enum {
  CHANGED,
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef enum {
  FIT_CHECK_IN  = 1 << 0,
  FIT_CONFIRM   = 1 << 1,
  FIT_COMPLETE  = 1 << 2,
  FIT_NO_SHOW   = 1 << 3,
  FIT_CANCEL    = 1 << 4,
} Fit;

/* Which actions the booking's status allows now. Open bookings (pending,
 * confirmed) only: check in on its day, once; confirm one the server holds
 * as pending (a booking made here is confirmed by the server on upload);
 * complete once the person came or the time has begun; no-show once the
 * time has begun and nobody checked in; cancel while nobody checked in. */
static Fit
fitting_actions (const KioskAppointment *appt,
                 GDateTime              *now)
{
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  int now_seconds = kiosk_time_of_day (now);
  int day = g_strcmp0 (appt->appointment_date, today);
  gboolean checked_in = appt->checked_in_at != NULL;
  gboolean begun = day < 0 || (day == 0 && now_seconds >= appt->appointment_time);
  Fit fit = 0;

  if (appt->status != KIOSK_APPOINTMENT_PENDING && appt->status != KIOSK_APPOINTMENT_CONFIRMED)
    return 0;

  if (day == 0 && !checked_in)
    fit |= FIT_CHECK_IN;
  if (appt->status == KIOSK_APPOINTMENT_PENDING && appt->version > 0)
    fit |= FIT_CONFIRM;
  if (checked_in || begun)
    fit |= FIT_COMPLETE;
  if (begun && !checked_in)
    fit |= FIT_NO_SHOW;
  if (!checked_in)
    fit |= FIT_CANCEL;
  return fit;
}

static void
set_fit (KioskAppointmentPanel *self,
         Fit                    fit)
{
  struct {
    Fit         flag;
    const char *action;
    GtkButton  *button;
  } map[] = {
    { FIT_CHECK_IN, "appointment.check-in", self->check_in_button },
    { FIT_CONFIRM,  "appointment.confirm",  self->confirm_button },
    { FIT_COMPLETE, "appointment.complete", self->complete_button },
    { FIT_NO_SHOW,  "appointment.no-show",  self->no_show_button },
    { FIT_CANCEL,   "appointment.cancel",   self->cancel_button },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      gboolean on = (fit & map[i].flag) != 0;

      gtk_widget_action_set_enabled (GTK_WIDGET (self), map[i].action, on);
      gtk_widget_set_visible (GTK_WIDGET (map[i].button), on);
    }
  if ((fit & FIT_CANCEL) == 0)
    gtk_revealer_set_reveal_child (self->cancel_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "appointment.cancel-confirmed",
                                 (fit & FIT_CANCEL) != 0 && gtk_revealer_get_reveal_child (self->cancel_revealer));
  gtk_widget_set_visible (GTK_WIDGET (self->actions_box), fit != 0);
}

static GtkWidget *
status_badge (const KioskAppointment *appt)
{
  const char *word = kiosk_format_appointment_status (appt->status);

  switch (appt->status)
    {
    case KIOSK_APPOINTMENT_PENDING:
      return kiosk_badge_new (word, "status-pending");
    case KIOSK_APPOINTMENT_CONFIRMED:
      return kiosk_badge_new (word, "status-confirmed");
    case KIOSK_APPOINTMENT_COMPLETED:
      return kiosk_badge_new (word, "status-completed");
    case KIOSK_APPOINTMENT_CANCELLED:
      return kiosk_badge_new (word, "status-cancelled");
    case KIOSK_APPOINTMENT_NO_SHOW:
      return kiosk_badge_new (word, "status-no-show");
    default:
      return kiosk_badge_new (word, NULL);
    }
}

static void
add_detail (KioskAppointmentPanel *self,
            const char            *title,
            const char            *subtitle)
{
  gtk_list_box_append (self->details_list, kiosk_row_new (title, subtitle, NULL, NULL));
}

static void
show_nothing (KioskAppointmentPanel *self,
              const char            *text)
{
  g_clear_pointer (&self->appointment, kiosk_appointment_free);
  gtk_label_set_text (self->time_label, "");
  gtk_label_set_text (self->date_label, "");
  kiosk_box_remove_all (self->status_box);
  kiosk_list_box_remove_all (self->details_list);
  kiosk_panel_show_label (self->checked_in_label, NULL);
  kiosk_panel_show_label (self->empty_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->details_box), FALSE);
  set_fit (self, 0);
}

static void
load (KioskAppointmentPanel *self)
{
  KioskContext *context = kiosk_panel_get_context (KIOSK_PANEL (self));
  g_autoptr(GDateTime) now = kiosk_context_dup_now (context);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskAppointment) appt = NULL;
  g_autoptr(KioskCustomer) customer = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GPtrArray) employees = NULL;
  const KioskService *service = NULL;
  const KioskEmployee *employee = NULL;
  g_autofree char *range = NULL;
  GDate date;

  if (self->appointment_id == NULL)
    {
      show_nothing (self, _("Choose a booking to see its details."));
      return;
    }

  appt = kiosk_context_get_appointment (context, self->appointment_id, &error);
  if (appt == NULL)
    {
      if (!g_error_matches (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NOT_FOUND))
        g_warning ("Cannot read appointment %s: %s", self->appointment_id, error->message);
      show_nothing (self, _("This booking is no longer in the calendar."));
      return;
    }

  if (appt->customer != NULL)
    customer = kiosk_context_get_customer (context, appt->customer, NULL);
  services = kiosk_context_list_services (context, NULL);
  employees = kiosk_context_list_employees (context, NULL);
  for (guint i = 0; services != NULL && i < services->len; i++)
    if (g_strcmp0 (((KioskService *)g_ptr_array_index (services, i))->id, appt->service) == 0)
      service = g_ptr_array_index (services, i);
  for (guint i = 0; employees != NULL && i < employees->len; i++)
    if (g_strcmp0 (((KioskEmployee *)g_ptr_array_index (employees, i))->id, appt->employee) == 0)
      employee = g_ptr_array_index (employees, i);

  kiosk_panel_show_label (self->empty_label, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->details_box), TRUE);

  range = kiosk_format_time_range (appt->appointment_time, appt->end_time);
  gtk_label_set_text (self->time_label, range);
  if (kiosk_date_parse (appt->appointment_date, &date))
    {
      g_autoptr(GDateTime) day = g_date_time_new (g_date_time_get_timezone (now),
                                                  g_date_get_year (&date), g_date_get_month (&date),
                                                  g_date_get_day (&date), 12, 0, 0);
      g_autofree char *text = kiosk_format_long_date (day);

      gtk_label_set_text (self->date_label, text);
    }
  else
    gtk_label_set_text (self->date_label, appt->appointment_date);

  /* Status: the word, "checked in", and whether the server has it yet. */
  kiosk_box_remove_all (self->status_box);
  gtk_box_append (self->status_box, status_badge (appt));
  if (appt->checked_in_at != NULL &&
      (appt->status == KIOSK_APPOINTMENT_PENDING || appt->status == KIOSK_APPOINTMENT_CONFIRMED ||
       appt->status == KIOSK_APPOINTMENT_COMPLETED))
    gtk_box_append (self->status_box, kiosk_badge_new (_("Checked in"), "status-checked-in"));
  if (appt->pending)
    gtk_box_append (self->status_box, kiosk_pending_badge_new ());

  if (appt->checked_in_at != NULL)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (appt->checked_in_at, NULL);
      g_autoptr(GDateTime) local = at != NULL ? g_date_time_to_timezone (at, g_date_time_get_timezone (now)) : NULL;
      g_autofree char *time = local != NULL ? g_date_time_format (local, "%H:%M") : NULL;
      /* Translators: "Checked in at 14:32". */
      g_autofree char *text = time != NULL ? g_strdup_printf (_("Checked in at %s"), time) : NULL;

      kiosk_panel_show_label (self->checked_in_label, text);
    }
  else
    kiosk_panel_show_label (self->checked_in_label, NULL);

  kiosk_list_box_remove_all (self->details_list);
  if (customer != NULL)
    {
      g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s",
                                                           customer->first_name != NULL ? customer->first_name : "",
                                                           customer->last_name != NULL ? customer->last_name : ""));
      g_autofree char *phone = kiosk_format_phone (customer->phone != NULL ? customer->phone : "");

      add_detail (self, *name != '\0' ? name : _("Guest"), phone);
    }
  else
    add_detail (self, _("Guest"), _("Customer"));
  if (service != NULL)
    {
      g_autofree char *duration = kiosk_format_duration (service->duration);

      add_detail (self, service->name, duration);
    }
  else
    add_detail (self, _("Unknown service"), _("Service"));
  add_detail (self, employee != NULL ? employee->name : _("Any staff member"), _("Staff member"));
  {
    g_autofree char *price = kiosk_format_money (appt->price);

    add_detail (self, price, _("Price"));
  }
  if (appt->notes != NULL && *appt->notes != '\0')
    add_detail (self, appt->notes, _("Notes"));

  g_clear_pointer (&self->appointment, kiosk_appointment_free);
  self->appointment = g_steal_pointer (&appt);
  set_fit (self, fitting_actions (self->appointment, now));
}

/* ---- actions ------------------------------------------------------------- */

static void
recorded (KioskAppointmentPanel *self,
          const char            *message)
{
  g_autofree char *id = g_strdup (self->appointment_id);

  load (self);
  kiosk_panel_show_label (self->message_label, message);
  g_signal_emit (self, signals[CHANGED], 0, id);
}

static void
refused (KioskAppointmentPanel *self,
         const GError          *error)
{
  /* What the desk saw may be newer than what is shown. */
  load (self);
  kiosk_panel_show_label (self->error_label, error->message);
}

static void
check_in_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KioskAppointmentPanel *self = KIOSK_APPOINTMENT_PANEL (widget);
  KioskContext *context = kiosk_panel_get_context (KIOSK_PANEL (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *how_long = NULL;
  KioskArrival arrival = KIOSK_ARRIVAL_ON_TIME;
  int minutes = 0;

  kiosk_panel_show_label (self->message_label, NULL);
  kiosk_panel_show_label (self->error_label, NULL);
  if (!kiosk_desk_check_in (context, self->appointment_id, &arrival, &minutes, &error))
    {
      refused (self, error);
      return;
    }

  how_long = kiosk_time_format_duration (minutes);
  switch (arrival)
    {
    case KIOSK_ARRIVAL_EARLY:
      /* Translators: %s is how early, "25 min" or "1 h 20 min". */
      message = g_strdup_printf (_("Checked in, %s early."), how_long);
      break;
    case KIOSK_ARRIVAL_LATE:
      /* Translators: %s is how late, "25 min" or "1 h 20 min". */
      message = g_strdup_printf (_("Checked in, %s late."), how_long);
      break;
    case KIOSK_ARRIVAL_ON_TIME:
    default:
      message = g_strdup (_("Checked in, on time."));
      break;
    }
  recorded (self, message);
}

static void
set_status (KioskAppointmentPanel  *self,
            KioskAppointmentStatus  status,
            const char             *message)
{
  KioskContext *context = kiosk_panel_get_context (KIOSK_PANEL (self));
  g_autoptr(GError) error = NULL;

  kiosk_panel_show_label (self->message_label, NULL);
  kiosk_panel_show_label (self->error_label, NULL);
  gtk_revealer_set_reveal_child (self->cancel_revealer, FALSE);
  if (!kiosk_desk_set_appointment_status (context, self->appointment_id, status, &error))
    {
      refused (self, error);
      return;
    }
  recorded (self, message);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_status (KIOSK_APPOINTMENT_PANEL (widget), KIOSK_APPOINTMENT_CONFIRMED, _("The booking is confirmed."));
}

static void
complete_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  set_status (KIOSK_APPOINTMENT_PANEL (widget), KIOSK_APPOINTMENT_COMPLETED,
              _("The booking is completed. Points are added when the server has it."));
}

static void
no_show_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_status (KIOSK_APPOINTMENT_PANEL (widget), KIOSK_APPOINTMENT_NO_SHOW, _("Marked as a no-show."));
}

/* Cancelling asks first: the time becomes free for others. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KioskAppointmentPanel *self = KIOSK_APPOINTMENT_PANEL (widget);

  kiosk_panel_show_label (self->error_label, NULL);
  gtk_revealer_set_reveal_child (self->cancel_revealer, TRUE);
  gtk_widget_action_set_enabled (widget, "appointment.cancel-confirmed", TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_confirm_button));
}

static void
cancel_kept_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KioskAppointmentPanel *self = KIOSK_APPOINTMENT_PANEL (widget);

  gtk_revealer_set_reveal_child (self->cancel_revealer, FALSE);
  gtk_widget_action_set_enabled (widget, "appointment.cancel-confirmed", FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
}

static void
cancel_confirmed_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  set_status (KIOSK_APPOINTMENT_PANEL (widget), KIOSK_APPOINTMENT_CANCELLED, _("The booking is cancelled."));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSED], 0);
}

/* Escape: first takes back a cancel question, then closes. */
static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KioskAppointmentPanel *self = KIOSK_APPOINTMENT_PANEL (widget);

  if (gtk_revealer_get_reveal_child (self->cancel_revealer))
    cancel_kept_action (widget, NULL, NULL);
  else
    close_action (widget, NULL, NULL);
}

static void
kiosk_appointment_panel_replica_changed (KioskPanel *panel)
{
  KioskAppointmentPanel *self = KIOSK_APPOINTMENT_PANEL (panel);

  if (self->appointment_id != NULL)
    load (self);
}

/* ---- public ------------------------------------------------------------------ */

GtkWidget *
kiosk_appointment_panel_new (KioskContext *context)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);
  return g_object_new (KIOSK_TYPE_APPOINTMENT_PANEL, "context", context, NULL);
}

void
kiosk_appointment_panel_set_appointment (KioskAppointmentPanel *self,
                                         const char            *appointment_id)
{
  g_return_if_fail (KIOSK_IS_APPOINTMENT_PANEL (self));

  if (g_strcmp0 (self->appointment_id, appointment_id) != 0)
    {
      g_free (self->appointment_id);
      self->appointment_id = g_strdup (appointment_id);
      kiosk_panel_show_label (self->message_label, NULL);
      kiosk_panel_show_label (self->error_label, NULL);
      gtk_revealer_set_reveal_child (self->cancel_revealer, FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPOINTMENT]);
    }
  load (self);
}

const char *
kiosk_appointment_panel_get_appointment (KioskAppointmentPanel *self)
{
  g_return_val_if_fail (KIOSK_IS_APPOINTMENT_PANEL (self), NULL);
  return self->appointment_id;
}

void
kiosk_appointment_panel_reload (KioskAppointmentPanel *self)
{
  g_return_if_fail (KIOSK_IS_APPOINTMENT_PANEL (self));
  load (self);
}

/* ---- GObject ----------------------------------------------------------------- */

static void
kiosk_appointment_panel_constructed (GObject *object)
{
  KioskAppointmentPanel *self = KIOSK_APPOINTMENT_PANEL (object);

  G_OBJECT_CLASS (kiosk_appointment_panel_parent_class)->constructed (object);

  load (self);
}

static void
kiosk_appointment_panel_finalize (GObject *object)
{
  KioskAppointmentPanel *self = KIOSK_APPOINTMENT_PANEL (object);

  g_free (self->appointment_id);
  g_clear_pointer (&self->appointment, kiosk_appointment_free);

  G_OBJECT_CLASS (kiosk_appointment_panel_parent_class)->finalize (object);
}

static void
kiosk_appointment_panel_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  KioskAppointmentPanel *self = KIOSK_APPOINTMENT_PANEL (object);

  switch (prop_id)
    {
    case PROP_APPOINTMENT:
      g_value_set_string (value, self->appointment_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_appointment_panel_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  KioskAppointmentPanel *self = KIOSK_APPOINTMENT_PANEL (object);

  switch (prop_id)
    {
    case PROP_APPOINTMENT:
      /* Before constructed() the context may be missing: keep the id only. */
      if (kiosk_panel_get_context (KIOSK_PANEL (self)) == NULL)
        {
          g_free (self->appointment_id);
          self->appointment_id = g_value_dup_string (value);
        }
      else
        kiosk_appointment_panel_set_appointment (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_appointment_panel_class_init (KioskAppointmentPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPanelClass *panel_class = KIOSK_PANEL_CLASS (klass);

  object_class->constructed = kiosk_appointment_panel_constructed;
  object_class->finalize = kiosk_appointment_panel_finalize;
  object_class->get_property = kiosk_appointment_panel_get_property;
  object_class->set_property = kiosk_appointment_panel_set_property;

  panel_class->replica_changed = kiosk_appointment_panel_replica_changed;

  properties[PROP_APPOINTMENT] =
    g_param_spec_string ("appointment", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-appointment-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, time_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, date_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, empty_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, details_box);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, status_box);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, checked_in_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, details_list);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, actions_box);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, check_in_button);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, complete_button);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, no_show_button);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, cancel_revealer);
  gtk_widget_class_bind_template_child (widget_class, KioskAppointmentPanel, cancel_confirm_button);

  gtk_widget_class_install_action (widget_class, "appointment.check-in", NULL, check_in_action);
  gtk_widget_class_install_action (widget_class, "appointment.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "appointment.complete", NULL, complete_action);
  gtk_widget_class_install_action (widget_class, "appointment.no-show", NULL, no_show_action);
  gtk_widget_class_install_action (widget_class, "appointment.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "appointment.cancel-confirmed", NULL, cancel_confirmed_action);
  gtk_widget_class_install_action (widget_class, "appointment.cancel-kept", NULL, cancel_kept_action);
  gtk_widget_class_install_action (widget_class, "appointment.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "appointment.escape", NULL, escape_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "appointment.escape", NULL);

  gtk_widget_class_set_css_name (widget_class, "kioskappointmentpanel");
}

static void
kiosk_appointment_panel_init (KioskAppointmentPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Booking details"), -1);
}

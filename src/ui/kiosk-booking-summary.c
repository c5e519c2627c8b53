/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-booking-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-booking-format.h"
#include "kiosk-booking-summary.h"
#include "kiosk-desk-bookings.h"
#include "kiosk-format.h"
#include "kiosk-panel.h"
#include "kiosk-widgets.h"

struct _KioskBookingSummary
{
  GtkWidget     parent_instance;

  KioskContext *context;

  /* template */
  GtkListBox   *summary_list;
  GtkLabel     *book_error_label;
  GtkButton    *book_button;

  /* what Book books, NULL when nothing is to be booked */
  char         *service_id;
  KioskSlot    *slot;
  char         *employee_id;   /* NULL: anyone */
  char         *customer_id;
};

G_DEFINE_FINAL_TYPE (KioskBookingSummary, kiosk_booking_summary, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  BOOKED,
  SLOT_TAKEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
add_summary_row (KioskBookingSummary *self,
                 const char          *title,
                 const char          *subtitle)
{
  GtkWidget *row = kiosk_row_new (title, subtitle, NULL, NULL);

  gtk_list_box_append (self->summary_list, row);
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KioskBookingSummary *self = KIOSK_BOOKING_SUMMARY (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (self->slot == NULL || self->customer_id == NULL || self->service_id == NULL)
    return;

  /* With "anyone" the server picks whoever is free when it gets the
   * booking; the desk writes down the one shown meanwhile. */
  id = kiosk_desk_book (self->context, self->customer_id, self->service_id, self->employee_id,
                        self->slot->date, self->slot->start, NULL, &error);
  if (id == NULL)
    {
      if (g_error_matches (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED))
        {
          /* Taken meanwhile: the times, as they are now, say so. */
          g_signal_emit (self, signals[SLOT_TAKEN], 0, error->message);
          return;
        }
      kiosk_panel_show_label (self->book_error_label, error->message);
      return;
    }

  g_debug ("Booked appointment %s", id);
  g_signal_emit (self, signals[BOOKED], 0, id);
}

/* ---- public ------------------------------------------------------------------- */

KioskContext *
kiosk_booking_summary_get_context (KioskBookingSummary *self)
{
  g_return_val_if_fail (KIOSK_IS_BOOKING_SUMMARY (self), NULL);
  return self->context;
}

void
kiosk_booking_summary_set_context (KioskBookingSummary *self,
                                   KioskContext        *context)
{
  g_return_if_fail (KIOSK_IS_BOOKING_SUMMARY (self));
  g_return_if_fail (context == NULL || KIOSK_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
kiosk_booking_summary_show (KioskBookingSummary *self,
                            const KioskService  *service,
                            const KioskSlot     *slot,
                            const char          *employee_name,
                            const char          *employee_id,
                            const KioskCustomer *customer)
{
  g_autofree char *day = NULL;
  g_autofree char *range = NULL;
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;

  g_return_if_fail (KIOSK_IS_BOOKING_SUMMARY (self));
  g_return_if_fail (self->context != NULL);
  g_return_if_fail (slot != NULL);
  g_return_if_fail (customer != NULL);

  kiosk_booking_summary_forget (self);
  kiosk_list_box_remove_all (self->summary_list);

  if (service != NULL)
    {
      g_autofree char *detail = kiosk_booking_format_service (service);

      add_summary_row (self, service->name, detail);
    }
  day = kiosk_booking_format_date (self->context, slot->date);
  range = kiosk_format_time_range (slot->start, slot->end);
  add_summary_row (self, day, range);
  add_summary_row (self, employee_name, _("Staff member"));
  name = kiosk_booking_format_customer (customer);
  phone = kiosk_format_phone (customer->phone != NULL ? customer->phone : "");
  add_summary_row (self, name, phone);

  kiosk_panel_show_label (self->book_error_label, NULL);

  self->service_id = service != NULL ? g_strdup (service->id) : NULL;
  self->slot = kiosk_slot_copy (slot);
  self->employee_id = g_strdup (employee_id);
  self->customer_id = g_strdup (customer->id);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.book", self->service_id != NULL);
}

void
kiosk_booking_summary_focus (KioskBookingSummary *self)
{
  g_return_if_fail (KIOSK_IS_BOOKING_SUMMARY (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->book_button));
}

void
kiosk_booking_summary_forget (KioskBookingSummary *self)
{
  g_return_if_fail (KIOSK_IS_BOOKING_SUMMARY (self));

  g_clear_pointer (&self->service_id, g_free);
  g_clear_pointer (&self->slot, kiosk_slot_free);
  g_clear_pointer (&self->employee_id, g_free);
  g_clear_pointer (&self->customer_id, g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.book", FALSE);
}

void
kiosk_booking_summary_clear (KioskBookingSummary *self)
{
  g_return_if_fail (KIOSK_IS_BOOKING_SUMMARY (self));

  kiosk_booking_summary_forget (self);
  kiosk_panel_show_label (self->book_error_label, NULL);
  kiosk_list_box_remove_all (self->summary_list);
}

/* ---- GObject ------------------------------------------------------------------- */

static void
kiosk_booking_summary_dispose (GObject *object)
{
  KioskBookingSummary *self = KIOSK_BOOKING_SUMMARY (object);

  kiosk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_BOOKING_SUMMARY);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kiosk_booking_summary_parent_class)->dispose (object);
}

static void
kiosk_booking_summary_finalize (GObject *object)
{
  KioskBookingSummary *self = KIOSK_BOOKING_SUMMARY (object);

  g_free (self->service_id);
  g_clear_pointer (&self->slot, kiosk_slot_free);
  g_free (self->employee_id);
  g_free (self->customer_id);

  G_OBJECT_CLASS (kiosk_booking_summary_parent_class)->finalize (object);
}

static void
kiosk_booking_summary_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KioskBookingSummary *self = KIOSK_BOOKING_SUMMARY (object);

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
kiosk_booking_summary_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KioskBookingSummary *self = KIOSK_BOOKING_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kiosk_booking_summary_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_booking_summary_class_init (KioskBookingSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_booking_summary_dispose;
  object_class->finalize = kiosk_booking_summary_finalize;
  object_class->get_property = kiosk_booking_summary_get_property;
  object_class->set_property = kiosk_booking_summary_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KIOSK_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskBookingSummary::booked:
   * @appointment_id: the new (pending) booking
   */
  signals[BOOKED] =
    g_signal_new ("booked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * KioskBookingSummary::slot-taken:
   * @message: the desk's refusal, in words for the person at the desk
   *
   * Someone else took the time meanwhile (this kiosk, another one or the
   * server); nothing was recorded.
   */
  signals[SLOT_TAKEN] =
    g_signal_new ("slot-taken", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-booking-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskBookingSummary, summary_list);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingSummary, book_error_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingSummary, book_button);

  gtk_widget_class_install_action (widget_class, "booking.book", NULL, book_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskbookingsummary");
  /* A group without a name, as the box it stands for. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kiosk_booking_summary_init (KioskBookingSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Nothing to book until shown. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.book", FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-booking-customer"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-booking-customer.h"
#include "kiosk-booking-format.h"
#include "kiosk-widgets.h"
#include "kiosk-customer-search.h"
#include "kiosk-desk.h"
#include "kiosk-panel.h"

struct _KioskBookingCustomer
{
  GtkWidget            parent_instance;

  KioskContext        *context;

  /* template */
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

  char                *existing_customer_id;  /* offered after "phone exists" */
};

G_DEFINE_FINAL_TYPE (KioskBookingCustomer, kiosk_booking_customer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  CUSTOMER_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
customer_activated_cb (KioskBookingCustomer *self,
                       const char           *customer_id)
{
  g_signal_emit (self, signals[CUSTOMER_CHOSEN], 0, customer_id);
}

static void
clear_new_customer_form (KioskBookingCustomer *self)
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
new_customer_toggled_cb (KioskBookingCustomer *self,
                         GtkToggleButton      *button)
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
  KioskBookingCustomer *self = KIOSK_BOOKING_CUSTOMER (widget);
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
              g_autofree char *name = kiosk_booking_format_customer (existing);
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

  clear_new_customer_form (self);
  customer_activated_cb (self, id);
}

static void
use_existing_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KioskBookingCustomer *self = KIOSK_BOOKING_CUSTOMER (widget);
  g_autofree char *id = g_steal_pointer (&self->existing_customer_id);

  if (id == NULL)
    return;
  clear_new_customer_form (self);
  customer_activated_cb (self, id);
}

/* ---- public ------------------------------------------------------------------- */

KioskContext *
kiosk_booking_customer_get_context (KioskBookingCustomer *self)
{
  g_return_val_if_fail (KIOSK_IS_BOOKING_CUSTOMER (self), NULL);
  return self->context;
}

void
kiosk_booking_customer_set_context (KioskBookingCustomer *self,
                                    KioskContext         *context)
{
  g_return_if_fail (KIOSK_IS_BOOKING_CUSTOMER (self));
  g_return_if_fail (context == NULL || KIOSK_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    {
      kiosk_customer_search_set_context (self->customer_search, context);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
    }
}

void
kiosk_booking_customer_start (KioskBookingCustomer *self,
                              const char           *choice)
{
  g_return_if_fail (KIOSK_IS_BOOKING_CUSTOMER (self));

  gtk_label_set_text (self->choice_label, choice != NULL ? choice : "");
  kiosk_customer_search_focus (self->customer_search);
}

void
kiosk_booking_customer_clear_search (KioskBookingCustomer *self)
{
  g_return_if_fail (KIOSK_IS_BOOKING_CUSTOMER (self));

  kiosk_customer_search_clear (self->customer_search);
}

void
kiosk_booking_customer_clear (KioskBookingCustomer *self)
{
  g_return_if_fail (KIOSK_IS_BOOKING_CUSTOMER (self));

  kiosk_customer_search_clear (self->customer_search);
  clear_new_customer_form (self);
  gtk_label_set_text (self->choice_label, "");
}

/* ---- GObject ------------------------------------------------------------------- */

static void
kiosk_booking_customer_dispose (GObject *object)
{
  KioskBookingCustomer *self = KIOSK_BOOKING_CUSTOMER (object);

  kiosk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_BOOKING_CUSTOMER);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kiosk_booking_customer_parent_class)->dispose (object);
}

static void
kiosk_booking_customer_finalize (GObject *object)
{
  KioskBookingCustomer *self = KIOSK_BOOKING_CUSTOMER (object);

  g_free (self->existing_customer_id);

  G_OBJECT_CLASS (kiosk_booking_customer_parent_class)->finalize (object);
}

static void
kiosk_booking_customer_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KioskBookingCustomer *self = KIOSK_BOOKING_CUSTOMER (object);

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
kiosk_booking_customer_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  KioskBookingCustomer *self = KIOSK_BOOKING_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kiosk_booking_customer_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_booking_customer_class_init (KioskBookingCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_booking_customer_dispose;
  object_class->finalize = kiosk_booking_customer_finalize;
  object_class->get_property = kiosk_booking_customer_get_property;
  object_class->set_property = kiosk_booking_customer_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KIOSK_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskBookingCustomer::customer-chosen:
   * @customer_id: found, added, or the owner of a phone typed again
   */
  signals[CUSTOMER_CHOSEN] =
    g_signal_new ("customer-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (KIOSK_TYPE_CUSTOMER_SEARCH);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-booking-customer.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskBookingCustomer, choice_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingCustomer, customer_search);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingCustomer, new_customer_button);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingCustomer, new_customer_revealer);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingCustomer, first_name_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingCustomer, last_name_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingCustomer, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingCustomer, consent_check);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingCustomer, new_customer_error_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingCustomer, use_existing_button);
  gtk_widget_class_bind_template_callback (widget_class, customer_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_customer_toggled_cb);

  gtk_widget_class_install_action (widget_class, "booking.add-customer", NULL, add_customer_action);
  gtk_widget_class_install_action (widget_class, "booking.use-existing", NULL, use_existing_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskbookingcustomer");
  /* A group without a name, as the box it stands for. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kiosk_booking_customer_init (KioskBookingCustomer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

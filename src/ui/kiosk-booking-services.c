/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The choice is kept as an id, never as a widget, so the list can be
 * rebuilt at any time.
 */
#define G_LOG_DOMAIN "kiosk-booking-services"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-booking-format.h"
#include "kiosk-booking-services.h"
#include "kiosk-context-reads.h"
#include "kiosk-widgets.h"

struct _KioskBookingServices
{
  GtkWidget     parent_instance;

  KioskContext *context;

  /* template */
  GtkBox       *chosen_service_box;
  GtkLabel     *chosen_service_label;
  GtkRevealer  *service_revealer;
  GtkBox       *service_box;

  GPtrArray    *services;     /* KioskService *, the active ones */
  char         *service_id;   /* the chosen one, or NULL */
  gboolean      updating;     /* toggles set by code, not by a person */
};

G_DEFINE_FINAL_TYPE (KioskBookingServices, kiosk_booking_services, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  SERVICE_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const KioskService *
find_service (KioskBookingServices *self,
              const char           *id)
{
  for (guint i = 0; id != NULL && self->services != NULL && i < self->services->len; i++)
    {
      const KioskService *service = g_ptr_array_index (self->services, i);

      if (g_str_equal (service->id, id))
        return service;
    }
  return NULL;
}

/* Once a service is chosen its list folds away to one line, so the free
 * times are near the top; @animate is FALSE when starting over. */
static void
show_service_choice (KioskBookingServices *self,
                     gboolean              animate)
{
  const KioskService *service = find_service (self, self->service_id);
  GtkRevealerTransitionType type = gtk_revealer_get_transition_type (self->service_revealer);

  if (service != NULL)
    {
      g_autofree char *detail = kiosk_booking_format_service (service);
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
  KioskBookingServices *self = KIOSK_BOOKING_SERVICES (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->chosen_service_box), FALSE);
  gtk_revealer_set_reveal_child (self->service_revealer, TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->service_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child) && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child)))
      gtk_widget_grab_focus (child);
}

static void
service_toggled_cb (GtkToggleButton      *button,
                    KioskBookingServices *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "service-id");

  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  g_free (self->service_id);
  self->service_id = g_strdup (id);
  show_service_choice (self, TRUE);
  g_signal_emit (self, signals[SERVICE_CHOSEN], 0, self->service_id);
}

static GtkWidget *
make_service_button (KioskBookingServices *self,
                     const KioskService   *service,
                     GtkToggleButton      *group)
{
  g_autofree char *detail = kiosk_booking_format_service (service);
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

/* ---- public ------------------------------------------------------------------- */

KioskContext *
kiosk_booking_services_get_context (KioskBookingServices *self)
{
  g_return_val_if_fail (KIOSK_IS_BOOKING_SERVICES (self), NULL);
  return self->context;
}

void
kiosk_booking_services_set_context (KioskBookingServices *self,
                                    KioskContext         *context)
{
  g_return_if_fail (KIOSK_IS_BOOKING_SERVICES (self));
  g_return_if_fail (context == NULL || KIOSK_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
kiosk_booking_services_reload (KioskBookingServices *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = NULL;
  GtkToggleButton *group = NULL;

  g_return_if_fail (KIOSK_IS_BOOKING_SERVICES (self));
  g_return_if_fail (self->context != NULL);

  services = kiosk_context_list_services (self->context, &error);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  self->services = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_service_free);

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

void
kiosk_booking_services_clear (KioskBookingServices *self)
{
  g_return_if_fail (KIOSK_IS_BOOKING_SERVICES (self));

  g_clear_pointer (&self->service_id, g_free);
  self->updating = TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->service_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), FALSE);
  self->updating = FALSE;
  show_service_choice (self, FALSE);
}

void
kiosk_booking_services_focus (KioskBookingServices *self)
{
  GtkWidget *first;

  g_return_if_fail (KIOSK_IS_BOOKING_SERVICES (self));

  first = gtk_widget_get_first_child (GTK_WIDGET (self->service_box));
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

const KioskService *
kiosk_booking_services_get_chosen (KioskBookingServices *self)
{
  g_return_val_if_fail (KIOSK_IS_BOOKING_SERVICES (self), NULL);
  return find_service (self, self->service_id);
}

/* ---- GObject ------------------------------------------------------------------- */

static void
kiosk_booking_services_dispose (GObject *object)
{
  KioskBookingServices *self = KIOSK_BOOKING_SERVICES (object);

  kiosk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_BOOKING_SERVICES);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kiosk_booking_services_parent_class)->dispose (object);
}

static void
kiosk_booking_services_finalize (GObject *object)
{
  KioskBookingServices *self = KIOSK_BOOKING_SERVICES (object);

  g_free (self->service_id);
  g_clear_pointer (&self->services, g_ptr_array_unref);

  G_OBJECT_CLASS (kiosk_booking_services_parent_class)->finalize (object);
}

static void
kiosk_booking_services_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KioskBookingServices *self = KIOSK_BOOKING_SERVICES (object);

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
kiosk_booking_services_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  KioskBookingServices *self = KIOSK_BOOKING_SERVICES (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kiosk_booking_services_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_booking_services_class_init (KioskBookingServicesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_booking_services_dispose;
  object_class->finalize = kiosk_booking_services_finalize;
  object_class->get_property = kiosk_booking_services_get_property;
  object_class->set_property = kiosk_booking_services_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KIOSK_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskBookingServices::service-chosen:
   * @service_id: the service a person chose
   */
  signals[SERVICE_CHOSEN] =
    g_signal_new ("service-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-booking-services.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskBookingServices, chosen_service_box);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingServices, chosen_service_label);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingServices, service_revealer);
  gtk_widget_class_bind_template_child (widget_class, KioskBookingServices, service_box);

  gtk_widget_class_install_action (widget_class, "booking.change-service", NULL, change_service_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskbookingservices");
  /* A group without a name, as the box it stands for. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kiosk_booking_services_init (KioskBookingServices *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-panel"

#include "config.h"

#include "kiosk-panel.h"
#include "kiosk-widgets.h"

typedef struct
{
  KioskContext *context;
  gulong        replica_changed_id;
} KioskPanelPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KioskPanel, kiosk_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

KioskContext *
kiosk_panel_get_context (KioskPanel *self)
{
  KioskPanelPrivate *priv = kiosk_panel_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PANEL (self), NULL);
  return priv->context;
}

void
kiosk_panel_show_label (GtkLabel   *label,
                        const char *text)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
replica_changed_cb (KioskPanel *self)
{
  if (KIOSK_PANEL_GET_CLASS (self)->replica_changed != NULL)
    KIOSK_PANEL_GET_CLASS (self)->replica_changed (self);
}

static void
kiosk_panel_constructed (GObject *object)
{
  KioskPanel *self = KIOSK_PANEL (object);
  KioskPanelPrivate *priv = kiosk_panel_get_instance_private (self);

  G_OBJECT_CLASS (kiosk_panel_parent_class)->constructed (object);

  g_assert (priv->context != NULL);
  /* Live: another kiosk or the server may change what a panel shows. */
  priv->replica_changed_id = g_signal_connect_swapped (priv->context, "replica-changed",
                                                       G_CALLBACK (replica_changed_cb), self);
}

static void
kiosk_panel_dispose (GObject *object)
{
  KioskPanel *self = KIOSK_PANEL (object);
  KioskPanelPrivate *priv = kiosk_panel_get_instance_private (self);

  if (priv->context != NULL)
    g_clear_signal_handler (&priv->replica_changed_id, priv->context);
  /* Each panel is a final type with a template of its own. */
  kiosk_widget_dispose_template (GTK_WIDGET (object), G_OBJECT_TYPE (object));
  g_clear_object (&priv->context);

  G_OBJECT_CLASS (kiosk_panel_parent_class)->dispose (object);
}

static void
kiosk_panel_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KioskPanel *self = KIOSK_PANEL (object);
  KioskPanelPrivate *priv = kiosk_panel_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_panel_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KioskPanel *self = KIOSK_PANEL (object);
  KioskPanelPrivate *priv = kiosk_panel_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_panel_class_init (KioskPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiosk_panel_constructed;
  object_class->dispose = kiosk_panel_dispose;
  object_class->get_property = kiosk_panel_get_property;
  object_class->set_property = kiosk_panel_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KIOSK_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A panel is one group with a name of its own, its template its child. */
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kiosk_panel_init (KioskPanel *self)
{
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-page"

#include "config.h"

#include "kiosk-accessible.h"
#include "kiosk-page.h"

typedef struct
{
  KioskContext *context;
  /* Pages load when first shown and reload on change only while shown:
   * start-up pays for the visible page alone. */
  guint         stale : 1;
  guint         staff_mode : 1;
  guint         timer;   /* kiosk_page_reload_in() */
} KioskPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KioskPage, kiosk_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_STAFF_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

KioskContext *
kiosk_page_get_context (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), NULL);
  return priv->context;
}

gboolean
kiosk_page_get_staff_mode (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_val_if_fail (KIOSK_IS_PAGE (self), FALSE);
  return priv->staff_mode;
}

void
kiosk_page_set_staff_mode (KioskPage *self,
                           gboolean   staff_mode)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_if_fail (KIOSK_IS_PAGE (self));

  staff_mode = !!staff_mode;
  if (priv->staff_mode == (guint) staff_mode)
    return;
  priv->staff_mode = staff_mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_MODE]);
}

void
kiosk_page_reload (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_if_fail (KIOSK_IS_PAGE (self));

  priv->stale = FALSE;
  if (priv->context != NULL && KIOSK_PAGE_GET_CLASS (self)->reload != NULL)
    KIOSK_PAGE_GET_CLASS (self)->reload (self);
}

void
kiosk_page_clear (KioskPage *self)
{
  g_return_if_fail (KIOSK_IS_PAGE (self));

  if (KIOSK_PAGE_GET_CLASS (self)->clear != NULL)
    KIOSK_PAGE_GET_CLASS (self)->clear (self);
}

static void
kiosk_page_replica_changed (KioskPage *self)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    kiosk_page_reload (self);
  else
    priv->stale = TRUE;
}

static gboolean
reload_timer_cb (gpointer data)
{
  KioskPage *self = data;
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  priv->timer = 0;
  kiosk_page_replica_changed (self);
  return G_SOURCE_REMOVE;
}

void
kiosk_page_reload_in (KioskPage *self,
                      int        seconds)
{
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  g_return_if_fail (KIOSK_IS_PAGE (self));

  g_clear_handle_id (&priv->timer, g_source_remove);
  if (seconds > 0)
    /* A second late rather than early: the moment has then passed. */
    priv->timer = g_timeout_add_seconds_full (G_PRIORITY_LOW, (guint) MIN (seconds, 24 * 3600) + 1,
                                              reload_timer_cb, self, NULL);
}

static void
kiosk_page_map (GtkWidget *widget)
{
  KioskPage *self = KIOSK_PAGE (widget);
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  if (priv->stale)
    kiosk_page_reload (self);
  /* Once all the page holds is there, the first time it is shown. */
  kiosk_accessible_tidy (widget);

  GTK_WIDGET_CLASS (kiosk_page_parent_class)->map (widget);
}

static void
kiosk_page_constructed (GObject *object)
{
  KioskPage *self = KIOSK_PAGE (object);
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  G_OBJECT_CLASS (kiosk_page_parent_class)->constructed (object);

  if (priv->context == NULL)
    {
      g_critical ("%s made without a context", G_OBJECT_TYPE_NAME (object));
      return;
    }

  /* The context outlives the window; the handler goes with the page. */
  g_signal_connect_object (priv->context, "replica-changed",
                           G_CALLBACK (kiosk_page_replica_changed), self, G_CONNECT_SWAPPED);
  priv->stale = TRUE;
}

static void
kiosk_page_dispose (GObject *object)
{
  KioskPage *self = KIOSK_PAGE (object);
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);
  GtkWidget *child;

  g_clear_handle_id (&priv->timer, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&priv->context);

  G_OBJECT_CLASS (kiosk_page_parent_class)->dispose (object);
}

static void
kiosk_page_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KioskPage *self = KIOSK_PAGE (object);
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;
    case PROP_STAFF_MODE:
      g_value_set_boolean (value, priv->staff_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_page_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KioskPage *self = KIOSK_PAGE (object);
  KioskPagePrivate *priv = kiosk_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;
    case PROP_STAFF_MODE:
      kiosk_page_set_staff_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_page_class_init (KioskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiosk_page_constructed;
  object_class->dispose = kiosk_page_dispose;
  object_class->get_property = kiosk_page_get_property;
  object_class->set_property = kiosk_page_set_property;

  widget_class->map = kiosk_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KIOSK_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The window's mode: customer pages that show more to staff (the queue's
   * names, the check-in list, the loyalty search) follow it. */
  properties[PROP_STAFF_MODE] =
    g_param_spec_boolean ("staff-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskpage");
}

static void
kiosk_page_init (KioskPage *self)
{
}

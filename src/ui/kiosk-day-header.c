/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
/* One log domain for the day view and its parts. */
#define G_LOG_DOMAIN "kiosk-day-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-day-header.h"
#include "kiosk-day-model-private.h"
#include "kiosk-day-style.h"

/* Drawn as GTK's own nodes, not with cairo (see kiosk-day-hour-bar.c). A
 * sideways scroll draws the header in every frame: each column's part (its
 * line, today's mark, the names) is made once, at x 0, and moved into
 * place, until the columns, their width, the header's height or the style
 * change. */
struct _KioskDayHeader
{
  GtkWidget       parent_instance;

  GPtrArray      *columns;
  int             col_w;
  GtkAdjustment  *hadjustment;
  GPtrArray      *column_nodes;   /* GskRenderNode or NULL, by column */
  int             nodes_height;
};

G_DEFINE_FINAL_TYPE (KioskDayHeader, kiosk_day_header, GTK_TYPE_WIDGET)

static void
node_unref0 (gpointer node)
{
  if (node != NULL)
    gsk_render_node_unref (node);
}

static void
drop_column_nodes (KioskDayHeader *self)
{
  g_ptr_array_set_size (self->column_nodes, 0);
}

GtkWidget *
kiosk_day_header_new (void)
{
  return g_object_new (KIOSK_TYPE_DAY_HEADER, NULL);
}

void
kiosk_day_header_set_columns (KioskDayHeader *self,
                              GPtrArray      *columns)
{
  g_return_if_fail (KIOSK_IS_DAY_HEADER (self));

  if (self->columns == columns)
    return;
  drop_column_nodes (self);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  self->columns = columns != NULL ? g_ptr_array_ref (columns) : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kiosk_day_header_set_column_width (KioskDayHeader *self,
                                   int             width)
{
  g_return_if_fail (KIOSK_IS_DAY_HEADER (self));

  if (self->col_w == width)
    return;
  drop_column_nodes (self);
  self->col_w = width;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kiosk_day_header_set_hadjustment (KioskDayHeader *self,
                                  GtkAdjustment  *adjustment)
{
  g_return_if_fail (KIOSK_IS_DAY_HEADER (self));

  if (g_set_object (&self->hadjustment, adjustment))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A column's part at x 0: today's mark, its line, its names. */
static GskRenderNode *
make_column_node (KioskDayHeader       *self,
                  const KioskDayColumn *column,
                  int                   height)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>", column->title,
                                                     column->subtitle != NULL ? column->subtitle : "");

  if (column->today)
    gtk_snapshot_append_color (snapshot, &kiosk_day_focus_color, &GRAPHENE_RECT_INIT (0, height - 4, self->col_w, 3));
  gtk_snapshot_append_color (snapshot, &kiosk_day_line_color, &GRAPHENE_RECT_INIT (0, 0, 1, height));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, MAX (self->col_w - 16, 8) * PANGO_SCALE);
  pango_layout_set_markup (layout, markup, -1);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (8, 6));
  gtk_snapshot_append_layout (snapshot, layout, &kiosk_day_text_color);
  return gtk_snapshot_free_to_node (snapshot);
}

static void
kiosk_day_header_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  KioskDayHeader *self = KIOSK_DAY_HEADER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double hx = self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_color (snapshot, &kiosk_day_header_bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_color (snapshot, &kiosk_day_line_color, &GRAPHENE_RECT_INIT (0, height - 1, width, 1));

  if (self->columns == NULL || self->columns->len == 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, _("No staff member works on this day."));

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (AXIS_W + 12, 8));
      gtk_snapshot_append_layout (snapshot, layout, &kiosk_day_text_color);
      gtk_snapshot_restore (snapshot);
      gtk_snapshot_pop (snapshot);
      return;
    }

  if (self->nodes_height != height)
    drop_column_nodes (self);
  self->nodes_height = height;
  if (self->column_nodes->len < self->columns->len)
    g_ptr_array_set_size (self->column_nodes, self->columns->len);
  for (guint c = 0; c < self->columns->len; c++)
    {
      /* Only the columns in view: the header is as wide as the viewport. */
      double x = AXIS_W + (double) c * self->col_w - hx;

      if (x + self->col_w < AXIS_W || x > width)
        continue;
      if (g_ptr_array_index (self->column_nodes, c) == NULL)
        g_ptr_array_index (self->column_nodes, c) = make_column_node (self, g_ptr_array_index (self->columns, c), height);
      if (g_ptr_array_index (self->column_nodes, c) == NULL)
        continue;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, 0));
      gtk_snapshot_append_node (snapshot, g_ptr_array_index (self->column_nodes, c));
      gtk_snapshot_restore (snapshot);
    }
  gtk_snapshot_pop (snapshot);
}

/* A new font: the columns' parts show the old one. */
static void
kiosk_day_header_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (kiosk_day_header_parent_class)->css_changed (widget, change);

  drop_column_nodes (KIOSK_DAY_HEADER (widget));
  gtk_widget_queue_draw (widget);
}

static void
kiosk_day_header_dispose (GObject *object)
{
  KioskDayHeader *self = KIOSK_DAY_HEADER (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_object (&self->hadjustment);
  drop_column_nodes (self);

  G_OBJECT_CLASS (kiosk_day_header_parent_class)->dispose (object);
}

static void
kiosk_day_header_finalize (GObject *object)
{
  KioskDayHeader *self = KIOSK_DAY_HEADER (object);

  g_clear_pointer (&self->column_nodes, g_ptr_array_unref);

  G_OBJECT_CLASS (kiosk_day_header_parent_class)->finalize (object);
}

static void
kiosk_day_header_class_init (KioskDayHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_day_header_dispose;
  object_class->finalize = kiosk_day_header_finalize;
  widget_class->snapshot = kiosk_day_header_snapshot;
  widget_class->css_changed = kiosk_day_header_css_changed;

  /* What it says is in every block's spoken label. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
kiosk_day_header_init (KioskDayHeader *self)
{
  self->column_nodes = g_ptr_array_new_with_free_func (node_unref0);
}

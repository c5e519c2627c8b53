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

struct _KioskDayHeader
{
  GtkDrawingArea  parent_instance;

  GPtrArray      *columns;
  int             col_w;
  GtkAdjustment  *hadjustment;
};

G_DEFINE_FINAL_TYPE (KioskDayHeader, kiosk_day_header, GTK_TYPE_DRAWING_AREA)

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

static void
kiosk_day_header_draw (GtkDrawingArea *area,
                       cairo_t        *cr,
                       int             width,
                       int             height,
                       gpointer        data)
{
  KioskDayHeader *self = KIOSK_DAY_HEADER (area);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  double hx = self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;

  gdk_cairo_set_source_rgba (cr, &kiosk_day_header_bg);
  cairo_paint (cr);
  gdk_cairo_set_source_rgba (cr, &kiosk_day_line_color);
  cairo_rectangle (cr, 0, height - 1, width, 1);
  cairo_fill (cr);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (self->columns == NULL || self->columns->len == 0)
    {
      pango_layout_set_text (layout, _("No staff member works on this day."), -1);
      gdk_cairo_set_source_rgba (cr, &kiosk_day_text_color);
      cairo_move_to (cr, AXIS_W + 12, 8);
      pango_cairo_show_layout (cr, layout);
      return;
    }

  pango_layout_set_width (layout, MAX (self->col_w - 16, 8) * PANGO_SCALE);
  for (guint c = 0; c < self->columns->len; c++)
    {
      const KioskDayColumn *column = g_ptr_array_index (self->columns, c);
      g_autofree char *markup = NULL;
      /* Only the columns in view: the header is as wide as the viewport. */
      double x = AXIS_W + (double) c * self->col_w - hx;

      if (x + self->col_w < AXIS_W || x > width)
        continue;
      markup = g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>", column->title,
                                        column->subtitle != NULL ? column->subtitle : "");

      if (column->today)
        {
          gdk_cairo_set_source_rgba (cr, &kiosk_day_focus_color);
          cairo_rectangle (cr, x, height - 4, self->col_w, 3);
          cairo_fill (cr);
        }
      gdk_cairo_set_source_rgba (cr, &kiosk_day_line_color);
      cairo_rectangle (cr, x, 0, 1, height);
      cairo_fill (cr);
      pango_layout_set_markup (layout, markup, -1);
      gdk_cairo_set_source_rgba (cr, &kiosk_day_text_color);
      cairo_move_to (cr, x + 8, 6);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
kiosk_day_header_dispose (GObject *object)
{
  KioskDayHeader *self = KIOSK_DAY_HEADER (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_object (&self->hadjustment);

  G_OBJECT_CLASS (kiosk_day_header_parent_class)->dispose (object);
}

static void
kiosk_day_header_class_init (KioskDayHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_day_header_dispose;

  /* What it says is in every block's spoken label. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
kiosk_day_header_init (KioskDayHeader *self)
{
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), kiosk_day_header_draw, NULL, NULL);
}

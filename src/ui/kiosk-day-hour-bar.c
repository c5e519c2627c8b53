/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
/* One log domain for the day view and its parts. */
#define G_LOG_DOMAIN "kiosk-day-view"

#include "config.h"

#include "kiosk-day-hour-bar.h"
#include "kiosk-day-model-private.h"
#include "kiosk-day-style.h"
#include "kiosk-format.h"

struct _KioskDayHourBar
{
  GtkDrawingArea  parent_instance;

  int             start;
  int             end;
  int             now;
  gboolean        today;
};

G_DEFINE_FINAL_TYPE (KioskDayHourBar, kiosk_day_hour_bar, GTK_TYPE_DRAWING_AREA)

GtkWidget *
kiosk_day_hour_bar_new (void)
{
  return g_object_new (KIOSK_TYPE_DAY_HOUR_BAR, NULL);
}

void
kiosk_day_hour_bar_set_range (KioskDayHourBar *self,
                              int              start,
                              int              end)
{
  g_return_if_fail (KIOSK_IS_DAY_HOUR_BAR (self));

  if (self->start == start && self->end == end)
    return;
  self->start = start;
  self->end = end;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kiosk_day_hour_bar_set_now (KioskDayHourBar *self,
                            int              now,
                            gboolean         today)
{
  g_return_if_fail (KIOSK_IS_DAY_HOUR_BAR (self));

  today = !!today;
  if (self->now == now && self->today == today)
    return;
  self->now = now;
  self->today = today;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
kiosk_day_hour_bar_draw (GtkDrawingArea *area,
                         cairo_t        *cr,
                         int             width,
                         int             height,
                         gpointer        data)
{
  KioskDayHourBar *self = KIOSK_DAY_HOUR_BAR (area);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);

  gdk_cairo_set_source_rgba (cr, &kiosk_day_header_bg);
  cairo_paint (cr);
  gdk_cairo_set_source_rgba (cr, &kiosk_day_line_color);
  cairo_rectangle (cr, width - 1, 0, 1, height);
  cairo_fill (cr);

  for (int t = self->start; t <= self->end; t += 3600)
    {
      g_autofree char *text = kiosk_format_time (t % DAY_SECONDS);
      double y = HEADER_H + KIOSK_DAY_Y (self->start, t);

      gdk_cairo_set_source_rgba (cr, &kiosk_day_line_color);
      cairo_rectangle (cr, width - 8, y, 8, 1);
      cairo_fill (cr);
      pango_layout_set_text (layout, text, -1);
      gdk_cairo_set_source_rgba (cr, &kiosk_day_text_color);
      cairo_move_to (cr, 8, y + 2);
      pango_cairo_show_layout (cr, layout);
    }

  /* The time now beside the now-line. */
  if (self->today && self->now >= self->start && self->now <= self->end)
    {
      g_autofree char *text = kiosk_format_time (self->now);
      double y = HEADER_H + KIOSK_DAY_Y (self->start, self->now);
      int tw, th;

      pango_layout_set_markup (layout, "", -1);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      gdk_cairo_set_source_rgba (cr, &kiosk_day_now_color);
      cairo_rectangle (cr, 2, y - th / 2.0 - 1, width - 4, th + 2);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_move_to (cr, (width - tw) / 2.0, y - th / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
kiosk_day_hour_bar_class_init (KioskDayHourBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* What it says is in every block's spoken label. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
kiosk_day_hour_bar_init (KioskDayHourBar *self)
{
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), kiosk_day_hour_bar_draw, NULL, NULL);
}

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

/* Drawn as GTK's own nodes (text, colours), not with cairo: GTK 4.8's
 * cairo renderer draws a cairo node into an image of its own in every
 * frame, and the axis is in every frame of a scroll. GTK keeps the nodes
 * until something here changes (the range, the time now, the style). */
struct _KioskDayHourBar
{
  GtkWidget       parent_instance;

  int             start;
  int             end;
  int             now;
  gboolean        today;
  /* Made when first drawn, shared by its labels. */
  PangoLayout    *layout;
};

G_DEFINE_FINAL_TYPE (KioskDayHourBar, kiosk_day_hour_bar, GTK_TYPE_WIDGET)

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
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
kiosk_day_hour_bar_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  KioskDayHourBar *self = KIOSK_DAY_HOUR_BAR (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  static const GdkRGBA white = { 1, 1, 1, 1 };

  if (self->layout == NULL)
    self->layout = gtk_widget_create_pango_layout (widget, NULL);

  /* The last hour's label would reach below the bar. */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_color (snapshot, &kiosk_day_header_bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_color (snapshot, &kiosk_day_line_color, &GRAPHENE_RECT_INIT (width - 1, 0, 1, height));

  for (int t = self->start; t <= self->end; t += 3600)
    {
      g_autofree char *text = kiosk_format_time (t % DAY_SECONDS);
      double y = HEADER_H + KIOSK_DAY_Y (self->start, t);

      gtk_snapshot_append_color (snapshot, &kiosk_day_line_color, &GRAPHENE_RECT_INIT (width - 8, y, 8, 1));
      pango_layout_set_text (self->layout, text, -1);
      append_text (snapshot, self->layout, 8, y + 2, &kiosk_day_text_color);
    }

  /* The time now beside the now-line. */
  if (self->today && self->now >= self->start && self->now <= self->end)
    {
      g_autofree char *text = kiosk_format_time (self->now);
      double y = HEADER_H + KIOSK_DAY_Y (self->start, self->now);
      int tw, th;

      pango_layout_set_text (self->layout, text, -1);
      pango_layout_get_pixel_size (self->layout, &tw, &th);
      gtk_snapshot_append_color (snapshot, &kiosk_day_now_color,
                                 &GRAPHENE_RECT_INIT (2, y - th / 2.0 - 1, width - 4, th + 2));
      append_text (snapshot, self->layout, (width - tw) / 2.0, y - th / 2.0, &white);
    }
  gtk_snapshot_pop (snapshot);
}

/* A new font: the layout keeps the old one. */
static void
kiosk_day_hour_bar_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  KioskDayHourBar *self = KIOSK_DAY_HOUR_BAR (widget);

  GTK_WIDGET_CLASS (kiosk_day_hour_bar_parent_class)->css_changed (widget, change);

  g_clear_object (&self->layout);
  gtk_widget_queue_draw (widget);
}

static void
kiosk_day_hour_bar_finalize (GObject *object)
{
  KioskDayHourBar *self = KIOSK_DAY_HOUR_BAR (object);

  g_clear_object (&self->layout);

  G_OBJECT_CLASS (kiosk_day_hour_bar_parent_class)->finalize (object);
}

static void
kiosk_day_hour_bar_class_init (KioskDayHourBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kiosk_day_hour_bar_finalize;
  widget_class->snapshot = kiosk_day_hour_bar_snapshot;
  widget_class->css_changed = kiosk_day_hour_bar_css_changed;

  /* What it says is in every block's spoken label. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
kiosk_day_hour_bar_init (KioskDayHourBar *self)
{
}

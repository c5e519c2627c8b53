/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The day view's grid (see kiosk-day-view-private.h): how wide a column is
 * and how far the view scrolls, where each item's block goes, which item
 * is next to which, which blocks are laid out, and what is drawn behind
 * the blocks (closed hours, hour lines) and over them (the now-line).
 */
/* One log domain for the day view and its parts. */
#define G_LOG_DOMAIN "kiosk-day-view"

#include "config.h"

#include "kiosk-day-header.h"
#include "kiosk-day-view-private.h"

static const GdkRGBA half_line_color = KIOSK_DAY_RGBA (0xe4, 0xe3, 0xe0);
static const GdkRGBA closed_bg = KIOSK_DAY_RGBA (0xe8, 0xe7, 0xe4);

/* ---- where things go ---------------------------------------------------- */

int
_kiosk_day_view_content_width (KioskDayView *self,
                               int           width)
{
  guint n = self->columns != NULL ? self->columns->len : 0;

  return n > 0 ? AXIS_W + self->col_w * (int) n : width;
}

int
_kiosk_day_view_content_height (KioskDayView *self)
{
  return HEADER_H + (int) Y_OF (self, self->axis_end) + BOTTOM_PAD;
}

void
_kiosk_day_view_item_rect (KioskDayView       *self,
                           const KioskDayItem *item,
                           double              hx,
                           double              vy,
                           GtkAllocation      *out)
{
  int lane_w = (self->col_w - 2 * COL_PAD) / (int) item->n_lanes;
  int top = HEADER_H + (int) Y_OF (self, item->start) - (int) vy;
  int bottom = HEADER_H + (int) Y_OF (self, item->end) - (int) vy;

  out->x = AXIS_W + (int) item->column * self->col_w + COL_PAD + (int) item->lane * lane_w - (int) hx;
  out->y = top;
  out->width = MAX (lane_w, 1);
  out->height = MAX (bottom - top, MIN_BLOCK_H);
}

int
_kiosk_day_view_min_col_w (KioskDayView *self)
{
  return self->week_mode ? MIN_WEEK_COL_W : MIN_COL_W;
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         value,
                      int            content,
                      int            page)
{
  double upper = MAX (content, page);

  gtk_adjustment_configure (adjustment, CLAMP (value, 0, upper - page), 0, upper,
                            page * 0.1, page * 0.9, page);
}

/* Column width and adjustments for a size, from where the view is, or
 * where a new day opens (now, or the opening), or where the view was
 * before a reload. */
void
_kiosk_day_view_set_adjustments (KioskDayView *self,
                                 int           width,
                                 int           height)
{
  guint n = self->columns != NULL ? self->columns->len : 0;
  double hx = self->restore_scroll ? self->restore_x : gtk_adjustment_get_value (self->hadjustment);
  double vy = self->restore_scroll ? self->restore_y : gtk_adjustment_get_value (self->vadjustment);

  self->col_w = n > 0 ? MAX (_kiosk_day_view_min_col_w (self), (width - AXIS_W) / (int) n) : MAX (width - AXIS_W, 1);
  kiosk_day_header_set_column_width (KIOSK_DAY_HEADER (self->header), self->col_w);
  if (self->scroll_to_time >= 0)
    {
      vy = Y_OF (self, self->scroll_to_time) - PX_PER_HOUR / 2;
      hx = 0;
      self->scroll_to_time = -1;
    }
  self->restore_scroll = FALSE;

  /* Configuring emits value-changed, which only queues a layout again. */
  g_signal_handlers_block_by_func (self->hadjustment, _kiosk_day_view_adjustment_value_changed, self);
  g_signal_handlers_block_by_func (self->vadjustment, _kiosk_day_view_adjustment_value_changed, self);
  configure_adjustment (self->hadjustment, hx, _kiosk_day_view_content_width (self, width), width);
  configure_adjustment (self->vadjustment, vy, _kiosk_day_view_content_height (self), height);
  g_signal_handlers_unblock_by_func (self->hadjustment, _kiosk_day_view_adjustment_value_changed, self);
  g_signal_handlers_unblock_by_func (self->vadjustment, _kiosk_day_view_adjustment_value_changed, self);
}

void
_kiosk_day_view_scroll_to_item (KioskDayView *self,
                                guint         index)
{
  const KioskDayItem *item;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double top, bottom, left, right, lane_w;
  double vy, hx;

  if (index >= self->n_shown || width <= 0 || height <= 0 || self->col_w <= 0)
    return;
  item = &g_array_index (self->items, KioskDayItem, index);

  /* In content coordinates: the header and the axis cover the top and the
   * left of the viewport. */
  top = HEADER_H + Y_OF (self, item->start);
  bottom = HEADER_H + MAX (Y_OF (self, item->end), Y_OF (self, item->start) + MIN_BLOCK_H);
  lane_w = (double) (self->col_w - 2 * COL_PAD) / item->n_lanes;
  left = AXIS_W + item->column * self->col_w + COL_PAD + item->lane * lane_w;
  right = left + lane_w;

  vy = gtk_adjustment_get_value (self->vadjustment);
  if (top - HEADER_H < vy)
    vy = top - HEADER_H - 24;
  else if (bottom > vy + height)
    vy = MIN (bottom - height + 24, top - HEADER_H - 24);
  gtk_adjustment_set_value (self->vadjustment, vy);

  hx = gtk_adjustment_get_value (self->hadjustment);
  if (left - AXIS_W < hx)
    hx = left - AXIS_W - COL_PAD;
  else if (right > hx + width)
    hx = right - width + COL_PAD;
  gtk_adjustment_set_value (self->hadjustment, hx);
}

/* ---- finding items ------------------------------------------------------ */

int
_kiosk_day_view_find_item (KioskDayView *self,
                           const char   *key)
{
  for (guint i = 0; key != NULL && i < self->items->len; i++)
    if (g_str_equal (g_array_index (self->items, KioskDayItem, i).key, key))
      return (int) i;
  return -1;
}

int
_kiosk_day_view_find_booking (KioskDayView *self,
                              const char   *id)
{
  for (guint i = 0; id != NULL && i < self->items->len; i++)
    {
      const KioskDayItem *item = &g_array_index (self->items, KioskDayItem, i);

      if (item->kind != KIOSK_DAY_BLOCK_FREE && g_str_equal (item->id, id))
        return (int) i;
    }
  return -1;
}

int
_kiosk_day_view_nearest_in_column (KioskDayView *self,
                                   guint         column,
                                   int           time)
{
  int best = -1, best_distance = G_MAXINT;

  for (guint i = 0; i < self->items->len; i++)
    {
      const KioskDayItem *item = &g_array_index (self->items, KioskDayItem, i);
      int distance;

      if (item->column != column)
        continue;
      if (item->start <= time && time < item->end)
        distance = 0;
      else
        distance = MIN (ABS (item->start - time), ABS (item->end - 1 - time));
      if (distance < best_distance)
        {
          best = (int) i;
          best_distance = distance;
        }
    }
  return best;
}

int
_kiosk_day_view_step_in_column (KioskDayView *self,
                                int           current,
                                int           step)
{
  const KioskDayItem *item = &g_array_index (self->items, KioskDayItem, current);
  int next = current + step;

  if (next < 0 || (guint) next >= self->n_shown
      || g_array_index (self->items, KioskDayItem, next).column != item->column)
    return -1;
  return next;
}

int
_kiosk_day_view_step_column (KioskDayView *self,
                             int           current,
                             int           step)
{
  const KioskDayItem *item = &g_array_index (self->items, KioskDayItem, current);
  int column = (int) item->column + step;

  /* To the nearest block in time of the next column that has any. */
  for (; column >= 0 && (guint) column < self->columns->len; column += step)
    {
      int target = _kiosk_day_view_nearest_in_column (self, (guint) column, item->start);

      if (target >= 0)
        return target;
    }
  return -1;
}

int
_kiosk_day_view_column_end (KioskDayView *self,
                            int           current,
                            gboolean      last)
{
  guint column = g_array_index (self->items, KioskDayItem, current).column;
  int target = current;

  while (!last && target > 0 && g_array_index (self->items, KioskDayItem, target - 1).column == column)
    target--;
  while (last && (guint) target + 1 < self->n_shown && g_array_index (self->items, KioskDayItem, target + 1).column == column)
    target++;
  return target;
}

gboolean
_kiosk_day_view_shows_today (KioskDayView *self)
{
  for (guint c = 0; self->columns != NULL && c < self->columns->len; c++)
    if (((KioskDayColumn *) g_ptr_array_index (self->columns, c))->today)
      return TRUE;
  return FALSE;
}

/* ---- laying the blocks out ---------------------------------------------- */

static gboolean
settle_timeout_cb (gpointer data)
{
  KioskDayView *self = data;

  self->settle_timeout = 0;
  self->allocate_all = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

void
_kiosk_day_view_place_blocks (KioskDayView *self,
                              int           width,
                              int           height,
                              double        hx,
                              double        vy)
{
  gboolean skipped = FALSE;
  int min;

  /* Only the blocks near the viewport (a screen above and below, a column
   * either side) are laid out, and those that were near and leave: a block
   * farther keeps its last place, which is then out of sight (and out of
   * reach of the pointer) until it comes near again, whether the view
   * scrolled or shows another day, or until the view rests (SETTLE_MS);
   * a new size lays out every block. */
  if (width != self->alloc_width || height != self->alloc_height)
    self->allocate_all = TRUE;
  for (guint i = 0; i < self->n_shown; i++)
    {
      KioskDayBlock *block = g_ptr_array_index (self->blocks, i);
      GtkAllocation rect;
      gboolean near;

      _kiosk_day_view_item_rect (self, &g_array_index (self->items, KioskDayItem, i), hx, vy, &rect);
      near = rect.x + rect.width >= -self->col_w && rect.x <= width + self->col_w
             && rect.y + rect.height >= -height && rect.y <= 2 * height;
      if (!self->allocate_all && !near && !block->placed)
        {
          skipped = TRUE;
          continue;
        }
      /* One that leaves lets go of the image of what it draws. */
      if (block->placed && !near)
        kiosk_day_block_drop_raster (block);
      block->placed = near;
      gtk_widget_measure (GTK_WIDGET (block), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      gtk_widget_size_allocate (GTK_WIDGET (block), &rect, -1);
    }
  self->allocate_all = FALSE;
  self->alloc_width = width;
  self->alloc_height = height;
  /* Put off while the view moves: a scroll lays out only what is near. */
  g_clear_handle_id (&self->settle_timeout, g_source_remove);
  if (skipped)
    self->settle_timeout = g_timeout_add (SETTLE_MS, settle_timeout_cb, self);
}

/* ---- drawing ------------------------------------------------------------ */

void
_kiosk_day_view_snapshot_grid (KioskDayView *self,
                               GtkSnapshot  *snapshot,
                               int           width,
                               int           height,
                               double        hx,
                               double        vy)
{
  guint n = self->columns != NULL ? self->columns->len : 0;
  double top = HEADER_H - vy;
  double bottom = top + Y_OF (self, self->axis_end);

  /* Closed hours shaded, column by column. */
  for (guint c = 0; c < n; c++)
    {
      const KioskDayColumn *column = g_ptr_array_index (self->columns, c);
      double x = AXIS_W + (double) c * self->col_w - hx;

      if (x + self->col_w < AXIS_W || x > width)
        continue;
      if (column->closed)
        gtk_snapshot_append_color (snapshot, &closed_bg, &GRAPHENE_RECT_INIT (x, top, self->col_w, bottom - top));
      else
        {
          double open = top + Y_OF (self, column->open), close = top + Y_OF (self, column->close);

          if (open > top)
            gtk_snapshot_append_color (snapshot, &closed_bg, &GRAPHENE_RECT_INIT (x, top, self->col_w, open - top));
          if (close < bottom)
            gtk_snapshot_append_color (snapshot, &closed_bg,
                                       &GRAPHENE_RECT_INIT (x, close, self->col_w, bottom - close));
        }
      gtk_snapshot_append_color (snapshot, &kiosk_day_line_color, &GRAPHENE_RECT_INIT (x, top, 1, bottom - top));
    }

  /* Hour and half-hour lines. */
  for (int t = self->axis_start; t <= self->axis_end; t += 1800)
    {
      double y = top + Y_OF (self, t);

      if (y < HEADER_H - 1 || y > height)
        continue;
      gtk_snapshot_append_color (snapshot, t % 3600 == 0 ? &kiosk_day_line_color : &half_line_color,
                                 &GRAPHENE_RECT_INIT (AXIS_W, y, width - AXIS_W, 1));
    }

  /* Only the blocks in view: a busy day has hundreds. */
  for (guint i = 0; i < self->n_shown; i++)
    {
      GtkWidget *block = g_ptr_array_index (self->blocks, i);
      GtkAllocation rect;

      _kiosk_day_view_item_rect (self, &g_array_index (self->items, KioskDayItem, i), hx, vy, &rect);
      if (rect.x + rect.width < AXIS_W || rect.x > width || rect.y + rect.height < HEADER_H || rect.y > height)
        continue;
      gtk_widget_snapshot_child (GTK_WIDGET (self), block, snapshot);
    }

  /* The now-line over today's columns. */
  if (self->now >= self->axis_start && self->now <= self->axis_end)
    {
      double y = top + Y_OF (self, self->now);

      for (guint c = 0; c < n; c++)
        {
          const KioskDayColumn *column = g_ptr_array_index (self->columns, c);
          double x = AXIS_W + (double) c * self->col_w - hx;

          if (column->today && y >= HEADER_H && y <= height)
            gtk_snapshot_append_color (snapshot, &kiosk_day_now_color, &GRAPHENE_RECT_INIT (x, y - 1, self->col_w, 2));
        }
    }
}

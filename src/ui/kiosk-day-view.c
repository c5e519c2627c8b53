/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-day-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-time.h"
#include "kiosk-day-block-private.h"
#include "kiosk-day-header.h"
#include "kiosk-day-hour-bar.h"
#include "kiosk-day-model-private.h"
#include "kiosk-day-style.h"
#include "kiosk-day-view.h"
#include "kiosk-day-walkin.h"

/* Once the view rests this long, every block is laid out. */
#define SETTLE_MS      250

#define Y_OF(self, t)  KIOSK_DAY_Y ((self)->axis_start, t)

static const GdkRGBA half_line_color = KIOSK_DAY_RGBA (0xe4, 0xe3, 0xe0);
static const GdkRGBA closed_bg = KIOSK_DAY_RGBA (0xe8, 0xe7, 0xe4);
static const GdkRGBA grid_bg = KIOSK_DAY_RGBA (0xff, 0xff, 0xff);

/* ---- the view ----------------------------------------------------------- */

struct _KioskDayView
{
  GtkWidget      parent_instance;

  KioskContext  *context;
  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;
  guint          week_mode : 1;
  guint          restore_scroll : 1;

  char          *date;
  char          *employee;

  /* What is shown: columns, and the items by column then time. Block i
   * shows item i; blocks beyond the items wait, hidden, for the next day. */
  GPtrArray     *columns;
  GArray        *items;
  int            axis_start;
  int            axis_end;
  int            now;            /* seconds since the salon's midnight */
  GPtrArray     *blocks;
  guint          n_shown;

  GtkWidget     *header;         /* KioskDayHeader */
  GtkWidget     *axis;           /* KioskDayHourBar */
  int            col_w;
  /* Only the blocks around the viewport are allocated; a new size
   * (alloc_width, alloc_height) allocates every block. */
  guint          allocate_all : 1;
  int            alloc_width;
  int            alloc_height;
  /* Once the view rests (no scroll, no new day for SETTLE_MS), every
   * block is laid out, so that the far ones' places (their extents for a
   * screen reader) are true again. */
  guint          settle_timeout;

  /* The salon, its hours, staff and services change rarely: read once,
   * dropped on KioskContext::replica-changed and on a reload. */
  KioskDayStaff  staff;
  gulong         replica_changed_id;

  /* A walk-in's details, over its block (KioskDayWalkin), made when first
   * asked for. */
  GtkWidget     *walkin_popover;

  /* What the blocks say, handed to each (kiosk-day-lines.h). */
  KioskDayLines *texts;

  /* Kept across rebuilds. */
  char          *focus_key;
  guint          focus_column;
  int            focus_time;
  char          *selected;
  double         restore_x;
  double         restore_y;
  int            scroll_to_time;  /* -1: none */

  guint          now_timer;
};

static void kiosk_day_view_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KioskDayView, kiosk_day_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, kiosk_day_view_scrollable_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_DATE,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  APPOINTMENT_ACTIVATED,
  BOOK_REQUESTED,
  WALKIN_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
kiosk_day_view_scrollable_init (GtkScrollableInterface *iface)
{
}

GtkWidget *
kiosk_day_view_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_DAY_VIEW, "context", context, NULL);
}

/* ---- reading the replica ------------------------------------------------ */

static void
forget_staff (KioskDayView *self)
{
  kiosk_day_model_forget_staff (&self->staff);
}

/* The staff member named in a block's spoken label (day view), and the day
 * (week view). */
static const char *
item_who (KioskDayView       *self,
          const KioskDayItem *item)
{
  return self->week_mode ? NULL : ((KioskDayColumn *) g_ptr_array_index (self->columns, item->column))->title;
}

static const char *
item_day (KioskDayView       *self,
          const KioskDayItem *item)
{
  return self->week_mode ? ((KioskDayColumn *) g_ptr_array_index (self->columns, item->column))->date : NULL;
}

/* ---- blocks ------------------------------------------------------------- */

static void block_clicked (KioskDayBlock *block,
                           KioskDayView  *self);

static KioskDayBlock *
block_at (KioskDayView *self,
          guint         index)
{
  return index < self->blocks->len ? g_ptr_array_index (self->blocks, index) : NULL;
}

static void
block_show_item (KioskDayView  *self,
                 KioskDayBlock *block,
                 guint          index)
{
  const KioskDayItem *item = &g_array_index (self->items, KioskDayItem, index);
  gboolean selected = item->kind == KIOSK_DAY_BLOCK_APPOINTMENT && self->selected != NULL
                      && g_strcmp0 (item->id, self->selected) == 0;

  kiosk_day_block_show_item (block, index, item, item_who (self, item), item_day (self, item), selected, self->texts);
}

static void
ensure_blocks (KioskDayView *self,
               guint         n)
{
  while (self->blocks->len < n)
    {
      KioskDayBlock *block = g_object_new (KIOSK_TYPE_DAY_BLOCK, NULL);

      block->press_time = 0;
      /* Allocated in the next layout, wherever it is. */
      block->placed = TRUE;
      g_signal_connect (block, "clicked", G_CALLBACK (block_clicked), self);
      /* Under the header and the axis, which are drawn and picked last. */
      gtk_widget_insert_before (GTK_WIDGET (block), GTK_WIDGET (self), self->axis);
      g_ptr_array_add (self->blocks, block);
    }
}

static int
find_item (KioskDayView *self,
           const char   *key)
{
  for (guint i = 0; key != NULL && i < self->items->len; i++)
    if (g_str_equal (g_array_index (self->items, KioskDayItem, i).key, key))
      return (int) i;
  return -1;
}

/* An appointment's or a walk-in's block. */
static int
find_booking (KioskDayView *self,
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

/* The item of @column nearest @time, or -1 when the column is empty. */
static int
nearest_in_column (KioskDayView *self,
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

static int
focused_item (KioskDayView *self)
{
  GtkWidget *child = gtk_widget_get_focus_child (GTK_WIDGET (self));

  if (child != NULL && KIOSK_IS_DAY_BLOCK (child) && KIOSK_DAY_BLOCK (child)->index < self->n_shown)
    return (int) KIOSK_DAY_BLOCK (child)->index;
  return -1;
}

static gboolean
focus_item (KioskDayView *self,
            int           index)
{
  KioskDayBlock *block;

  if (index < 0 || (guint) index >= self->n_shown)
    return FALSE;
  block = block_at (self, (guint) index);
  return gtk_widget_grab_focus (GTK_WIDGET (block));
}

/* A column shown is today. */
static gboolean
shows_today (KioskDayView *self)
{
  for (guint c = 0; self->columns != NULL && c < self->columns->len; c++)
    if (((KioskDayColumn *) g_ptr_array_index (self->columns, c))->today)
      return TRUE;
  return FALSE;
}

static gboolean walkin_shown        (KioskDayView *self);
static const char *walkin_key       (KioskDayView *self);
static gboolean fill_walkin_popover (KioskDayView *self,
                                     const char   *key);
static void     set_adjustments     (KioskDayView *self,
                                     int           width,
                                     int           height);

/* Puts the new model on screen: blocks are reused by position, and the
 * focus goes back to the block of the same appointment. */
static void
apply_model (KioskDayView  *self,
             KioskDayModel *model,
             gboolean       keep_place)
{
  gboolean had_focus = focused_item (self) >= 0
                       && gtk_widget_has_focus (gtk_widget_get_focus_child (GTK_WIDGET (self)));
  g_autofree char *focus_key = g_strdup (self->focus_key);
  guint focus_column = self->focus_column;
  int focus_time = self->focus_time;
  guint old_shown = self->n_shown;
  int target;

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_array_unref);
  self->columns = g_steal_pointer (&model->columns);
  self->items = g_steal_pointer (&model->items);
  self->axis_start = model->axis_start;
  self->axis_end = model->axis_end;
  self->now = model->now;
  kiosk_day_header_set_columns (KIOSK_DAY_HEADER (self->header), self->columns);
  kiosk_day_hour_bar_set_range (KIOSK_DAY_HOUR_BAR (self->axis), self->axis_start, self->axis_end);
  kiosk_day_hour_bar_set_now (KIOSK_DAY_HOUR_BAR (self->axis), self->now, shows_today (self));

  ensure_blocks (self, self->items->len);
  self->n_shown = self->items->len;
  for (guint i = 0; i < self->items->len; i++)
    block_show_item (self, g_ptr_array_index (self->blocks, i), i);

  /* The same appointment, else the nearest block of the same column. */
  target = find_item (self, focus_key);
  if (target < 0 && focus_column < self->columns->len)
    target = nearest_in_column (self, focus_column, focus_time);
  if (had_focus && !focus_item (self, target))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  /* Remembered even when the focus did not move (the same block). */
  if (target >= 0)
    {
      const KioskDayItem *item = &g_array_index (self->items, KioskDayItem, target);

      g_free (self->focus_key);
      self->focus_key = g_strdup (item->key);
      self->focus_column = item->column;
      self->focus_time = item->start;
    }

  for (guint i = self->n_shown; i < old_shown; i++)
    gtk_widget_set_child_visible (g_ptr_array_index (self->blocks, i), FALSE);

  /* A walk-in's details stay up while it is still in service. */
  if (walkin_shown (self) && !fill_walkin_popover (self, walkin_key (self)))
    kiosk_day_walkin_dismiss (KIOSK_DAY_WALKIN (self->walkin_popover));

  if (keep_place)
    {
      self->restore_scroll = TRUE;
      self->restore_x = gtk_adjustment_get_value (self->hadjustment);
      self->restore_y = gtk_adjustment_get_value (self->vadjustment);
    }
  /* The new day's scroll at once, not in the layout: a value that changes
   * while GTK 4.8 lays out the scrolled window makes its scrollbar ask for
   * a layout that is dropped, and the next scroll was then not drawn
   * ("Trying to snapshot KioskDayView without a current allocation"). */
  if (self->alloc_width > 0)
    set_adjustments (self, self->alloc_width, self->alloc_height);

  /* Allocation, not resize: the window around need not be measured again. */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_queue_draw (self->header);
  gtk_widget_queue_draw (self->axis);
}

/* ---- a walk-in's details ------------------------------------------------ */

/* The item key of the walk-in whose details were last asked for. */
static const char *
walkin_key (KioskDayView *self)
{
  return self->walkin_popover != NULL ? kiosk_day_walkin_get_key (KIOSK_DAY_WALKIN (self->walkin_popover)) : NULL;
}

static gboolean
walkin_shown (KioskDayView *self)
{
  return self->walkin_popover != NULL && kiosk_day_walkin_is_shown (KIOSK_DAY_WALKIN (self->walkin_popover));
}

/* Closed by the person: back to the walk-in's block, if still shown. */
static void
walkin_done (KioskDayView *self)
{
  int index;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  index = find_item (self, walkin_key (self));
  if (index >= 0)
    focus_item (self, index);
}

/* Fills the details from the item of @key; FALSE when it is not shown. */
static gboolean
fill_walkin_popover (KioskDayView *self,
                     const char   *key)
{
  int index = self->items != NULL ? find_item (self, key) : -1;
  const KioskDayItem *item;
  const KioskDayColumn *column;

  if (index < 0 || (guint) index >= self->n_shown)
    return FALSE;
  item = &g_array_index (self->items, KioskDayItem, index);
  column = g_ptr_array_index (self->columns, item->column);
  kiosk_day_walkin_set_item (KIOSK_DAY_WALKIN (self->walkin_popover), item,
                             column->employee != NULL && !self->week_mode ? column->title : NULL);
  return TRUE;
}

static void
show_walkin (KioskDayView *self,
             guint         index)
{
  const KioskDayItem *item = &g_array_index (self->items, KioskDayItem, index);

  if (self->walkin_popover == NULL)
    {
      self->walkin_popover = kiosk_day_walkin_new ();
      gtk_widget_set_parent (self->walkin_popover, GTK_WIDGET (self));
      g_signal_connect_swapped (self->walkin_popover, "done", G_CALLBACK (walkin_done), self);
    }
  if (!fill_walkin_popover (self, item->key))
    return;
  /* Where it points is set in size_allocate, from the block's place. */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_popover_popup (GTK_POPOVER (self->walkin_popover));
}

static void
block_clicked (KioskDayBlock *block,
               KioskDayView  *self)
{
  const KioskDayItem *item;
  const KioskDayColumn *column;

  if (block->index >= self->n_shown)
    return;
  item = &g_array_index (self->items, KioskDayItem, block->index);
  column = g_ptr_array_index (self->columns, item->column);

  switch (item->kind)
    {
    case KIOSK_DAY_BLOCK_APPOINTMENT:
      kiosk_day_view_set_selected (self, item->id);
      g_signal_emit (self, signals[APPOINTMENT_ACTIVATED], 0, item->id);
      break;
    case KIOSK_DAY_BLOCK_FREE:
      g_signal_emit (self, signals[BOOK_REQUESTED], 0, column->date, column->employee,
                     kiosk_day_block_take_book_time (block));
      break;
    case KIOSK_DAY_BLOCK_WALKIN:
      show_walkin (self, block->index);
      g_signal_emit (self, signals[WALKIN_ACTIVATED], 0, item->id);
      break;
    default:
      break;
    }
}

/* ---- scrolling ---------------------------------------------------------- */

static void
scroll_to_item (KioskDayView *self,
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

static void
kiosk_day_view_set_focus_child (GtkWidget *widget,
                                GtkWidget *child)
{
  KioskDayView *self = KIOSK_DAY_VIEW (widget);

  GTK_WIDGET_CLASS (kiosk_day_view_parent_class)->set_focus_child (widget, child);

  if (child != NULL && KIOSK_IS_DAY_BLOCK (child) && KIOSK_DAY_BLOCK (child)->index < self->n_shown)
    {
      guint index = KIOSK_DAY_BLOCK (child)->index;
      const KioskDayItem *item = &g_array_index (self->items, KioskDayItem, index);

      g_free (self->focus_key);
      self->focus_key = g_strdup (item->key);
      self->focus_column = item->column;
      self->focus_time = item->start;
      scroll_to_item (self, index);
    }
}

/* Tab enters the grid at the block last focused and leaves it at once:
 * inside, the arrow keys move. */
static gboolean
kiosk_day_view_focus (GtkWidget        *widget,
                      GtkDirectionType  direction)
{
  KioskDayView *self = KIOSK_DAY_VIEW (widget);
  int target;

  if (focused_item (self) >= 0 && gtk_widget_has_focus (gtk_widget_get_focus_child (widget)))
    return FALSE;
  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return FALSE;

  target = find_item (self, self->focus_key);
  if (target < 0 && self->n_shown > 0)
    target = 0;
  return focus_item (self, target);
}

static void
adjustment_value_changed (KioskDayView  *self,
                          GtkAdjustment *adjustment)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  /* The header follows the columns sideways only. */
  if (adjustment == self->hadjustment && self->header != NULL)
    gtk_widget_queue_draw (self->header);
}

static void
set_adjustment (KioskDayView   *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (adjustment != NULL && adjustment == *slot)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed), self);
  /* The header follows the columns sideways. */
  if (slot == &self->hadjustment && self->header != NULL)
    kiosk_day_header_set_hadjustment (KIOSK_DAY_HEADER (self->header), adjustment);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* ---- moving by keyboard ------------------------------------------------- */

static gboolean shift_days (KioskDayView *self,
                            int           days);

static gboolean
move_vertical (KioskDayView *self,
               int           current,
               int           step)
{
  const KioskDayItem *item = &g_array_index (self->items, KioskDayItem, current);
  int next = current + step;

  if (next < 0 || (guint) next >= self->n_shown
      || g_array_index (self->items, KioskDayItem, next).column != item->column)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }
  return focus_item (self, next);
}

static gboolean
move_horizontal (KioskDayView *self,
                 int           current,
                 int           step)
{
  const KioskDayItem *item = &g_array_index (self->items, KioskDayItem, current);
  int column = (int) item->column + step;

  /* To the nearest block in time of the next column that has any. */
  for (; column >= 0 && (guint) column < self->columns->len; column += step)
    {
      int target = nearest_in_column (self, (guint) column, item->start);

      if (target >= 0)
        return focus_item (self, target);
    }
  gtk_widget_error_bell (GTK_WIDGET (self));
  return TRUE;
}

static gboolean
move_to_end (KioskDayView *self,
             int           current,
             gboolean      last)
{
  guint column = g_array_index (self->items, KioskDayItem, current).column;
  int target = current;

  while (!last && target > 0 && g_array_index (self->items, KioskDayItem, target - 1).column == column)
    target--;
  while (last && (guint) target + 1 < self->n_shown && g_array_index (self->items, KioskDayItem, target + 1).column == column)
    target++;
  return focus_item (self, target);
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             KioskDayView          *self)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK);
  int current = focused_item (self);
  int days = self->week_mode ? 7 : 1;

  /* Keys in a walk-in's details (they come up through the view) are theirs. */
  if (walkin_shown (self))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      return mods == 0 && shift_days (self, -days);
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      return mods == 0 && shift_days (self, days);
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (mods == GDK_CONTROL_MASK)
        return shift_days (self, -days);
      return mods == 0 && current >= 0 && move_horizontal (self, current, -1);
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (mods == GDK_CONTROL_MASK)
        return shift_days (self, days);
      return mods == 0 && current >= 0 && move_horizontal (self, current, 1);
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return mods == 0 && current >= 0 && move_vertical (self, current, -1);
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return mods == 0 && current >= 0 && move_vertical (self, current, 1);
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      return mods == 0 && current >= 0 && move_to_end (self, current, FALSE);
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      return mods == 0 && current >= 0 && move_to_end (self, current, TRUE);
    default:
      return FALSE;
    }
}

/* ---- layout and drawing ------------------------------------------------- */

static int
content_width (KioskDayView *self,
               int           width)
{
  guint n = self->columns != NULL ? self->columns->len : 0;

  return n > 0 ? AXIS_W + self->col_w * (int) n : width;
}

static int
content_height (KioskDayView *self)
{
  return HEADER_H + (int) Y_OF (self, self->axis_end) + BOTTOM_PAD;
}

static void
item_rect (KioskDayView       *self,
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

static int
min_col_w (KioskDayView *self)
{
  return self->week_mode ? MIN_WEEK_COL_W : MIN_COL_W;
}

static void
kiosk_day_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  KioskDayView *self = KIOSK_DAY_VIEW (widget);
  guint n = self->columns != NULL ? self->columns->len : 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = AXIS_W + min_col_w (self);
      *natural = AXIS_W + min_col_w (self) * (int) MAX (n, 1);
    }
  else
    {
      /* Before the first day is loaded the content is only the header. */
      *minimum = HEADER_H + PX_PER_HOUR;
      *natural = MAX (*minimum, content_height (self));
    }
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

static gboolean
settle_timeout_cb (gpointer data)
{
  KioskDayView *self = data;

  self->settle_timeout = 0;
  self->allocate_all = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* Column width and adjustments for a size, from where the view is, or
 * where a new day opens (now, or the opening), or where the view was
 * before a reload. */
static void
set_adjustments (KioskDayView *self,
                 int           width,
                 int           height)
{
  guint n = self->columns != NULL ? self->columns->len : 0;
  double hx = self->restore_scroll ? self->restore_x : gtk_adjustment_get_value (self->hadjustment);
  double vy = self->restore_scroll ? self->restore_y : gtk_adjustment_get_value (self->vadjustment);

  self->col_w = n > 0 ? MAX (min_col_w (self), (width - AXIS_W) / (int) n) : MAX (width - AXIS_W, 1);
  kiosk_day_header_set_column_width (KIOSK_DAY_HEADER (self->header), self->col_w);
  if (self->scroll_to_time >= 0)
    {
      vy = Y_OF (self, self->scroll_to_time) - PX_PER_HOUR / 2;
      hx = 0;
      self->scroll_to_time = -1;
    }
  self->restore_scroll = FALSE;

  /* Configuring emits value-changed, which only queues a layout again. */
  g_signal_handlers_block_by_func (self->hadjustment, adjustment_value_changed, self);
  g_signal_handlers_block_by_func (self->vadjustment, adjustment_value_changed, self);
  configure_adjustment (self->hadjustment, hx, content_width (self, width), width);
  configure_adjustment (self->vadjustment, vy, content_height (self), height);
  g_signal_handlers_unblock_by_func (self->hadjustment, adjustment_value_changed, self);
  g_signal_handlers_unblock_by_func (self->vadjustment, adjustment_value_changed, self);
}

static void
kiosk_day_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  KioskDayView *self = KIOSK_DAY_VIEW (widget);
  double hx, vy;
  int min;
  gboolean skipped = FALSE;

  /* Before the first layout, where a new day opens is set here. */
  set_adjustments (self, width, height);
  hx = gtk_adjustment_get_value (self->hadjustment);
  vy = gtk_adjustment_get_value (self->vadjustment);

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

      item_rect (self, &g_array_index (self->items, KioskDayItem, i), hx, vy, &rect);
      near = rect.x + rect.width >= -self->col_w && rect.x <= width + self->col_w
             && rect.y + rect.height >= -height && rect.y <= 2 * height;
      if (!self->allocate_all && !near && !block->placed)
        {
          skipped = TRUE;
          continue;
        }
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

  if (walkin_shown (self))
    {
      int index = find_item (self, walkin_key (self));

      if (index >= 0 && (guint) index < self->n_shown)
        {
          GtkAllocation rect;

          item_rect (self, &g_array_index (self->items, KioskDayItem, index), hx, vy, &rect);
          gtk_popover_set_pointing_to (GTK_POPOVER (self->walkin_popover), &rect);
        }
      gtk_popover_present (GTK_POPOVER (self->walkin_popover));
    }

  gtk_widget_measure (self->axis, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  gtk_widget_size_allocate (self->axis,
                            &(GtkAllocation) { 0, -(int) vy, AXIS_W, content_height (self) }, -1);
  gtk_widget_measure (self->header, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  gtk_widget_size_allocate (self->header, &(GtkAllocation) { 0, 0, width, HEADER_H }, -1);
}

static void
kiosk_day_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  KioskDayView *self = KIOSK_DAY_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double hx = gtk_adjustment_get_value (self->hadjustment);
  double vy = gtk_adjustment_get_value (self->vadjustment);
  guint n = self->columns != NULL ? self->columns->len : 0;
  double top = HEADER_H - vy;
  double bottom = top + Y_OF (self, self->axis_end);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_color (snapshot, &grid_bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* What scrolls stays below the header, and the header right of the
   * corner, which cover them anyway: so the corner never changes, nor the
   * header in a scroll. GTK 4.8's X11 cairo path makes a frame that
   * changes every pixel of the window much dearer (a new shared memory
   * segment each frame), and paints and uploads only what changed. */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, HEADER_H, width, MAX (height - HEADER_H, 0)));

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

      item_rect (self, &g_array_index (self->items, KioskDayItem, i), hx, vy, &rect);
      if (rect.x + rect.width < AXIS_W || rect.x > width || rect.y + rect.height < HEADER_H || rect.y > height)
        continue;
      gtk_widget_snapshot_child (widget, block, snapshot);
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

  gtk_widget_snapshot_child (widget, self->axis, snapshot);
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (AXIS_W, 0, MAX (width - AXIS_W, 0), HEADER_H));
  gtk_widget_snapshot_child (widget, self->header, snapshot);
  gtk_snapshot_pop (snapshot);
  /* The corner over both. */
  gtk_snapshot_append_color (snapshot, &kiosk_day_header_bg, &GRAPHENE_RECT_INIT (0, 0, AXIS_W, HEADER_H));
  gtk_snapshot_append_color (snapshot, &kiosk_day_line_color, &GRAPHENE_RECT_INIT (0, HEADER_H - 1, AXIS_W, 1));
  gtk_snapshot_pop (snapshot);
}

/* ---- the clock ---------------------------------------------------------- */

static gboolean
now_tick (gpointer data)
{
  KioskDayView *self = data;

  if (self->context != NULL)
    {
      g_autoptr(GDateTime) now = kiosk_context_dup_now (self->context);

      self->now = kiosk_time_of_day (now);
      kiosk_day_hour_bar_set_now (KIOSK_DAY_HOUR_BAR (self->axis), self->now, shows_today (self));
      gtk_widget_queue_draw (GTK_WIDGET (self));
      gtk_widget_queue_draw (self->axis);
    }
  return G_SOURCE_CONTINUE;
}

static void
kiosk_day_view_map (GtkWidget *widget)
{
  KioskDayView *self = KIOSK_DAY_VIEW (widget);

  GTK_WIDGET_CLASS (kiosk_day_view_parent_class)->map (widget);
  if (self->now_timer == 0)
    self->now_timer = g_timeout_add_seconds (30, now_tick, self);
}

static void
kiosk_day_view_unmap (GtkWidget *widget)
{
  KioskDayView *self = KIOSK_DAY_VIEW (widget);

  g_clear_handle_id (&self->now_timer, g_source_remove);
  GTK_WIDGET_CLASS (kiosk_day_view_parent_class)->unmap (widget);
}

/* ---- public ------------------------------------------------------------- */

static gboolean
show (KioskDayView  *self,
      gboolean       week_mode,
      const char    *employee_id,
      const char    *date,
      gboolean       keep_place,
      GError       **error)
{
  KioskDayModel model;
  gboolean same_date = g_strcmp0 (self->date, date) == 0;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (self->context != NULL, FALSE);

  kiosk_day_lines_update_texts (self->texts);
  kiosk_day_model_init (&model);
  now = kiosk_context_dup_now (self->context);
  if (!kiosk_day_model_load (&model, self->context, now, &self->staff,
                             week_mode, employee_id, date, error))
    {
      kiosk_day_model_clear (&model);
      return FALSE;
    }

  if (!keep_place)
    {
      int earliest = G_MAXINT;

      /* Open at now on today, else at the opening. */
      for (guint c = 0; c < model.columns->len; c++)
        {
          const KioskDayColumn *column = g_ptr_array_index (model.columns, c);

          if (column->today)
            earliest = MIN (earliest, model.now);
          else if (!column->closed)
            earliest = MIN (earliest, column->open);
        }
      self->scroll_to_time = earliest != G_MAXINT ? MAX (earliest - 1800, model.axis_start) : model.axis_start;
    }

  self->week_mode = week_mode;
  if (g_strcmp0 (self->employee, employee_id) != 0)
    {
      g_free (self->employee);
      self->employee = g_strdup (employee_id);
    }
  if (!same_date)
    {
      g_free (self->date);
      self->date = g_strdup (date);
    }
  apply_model (self, &model, keep_place);
  kiosk_day_model_clear (&model);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  week_mode ? _("Week") : _("Day"), -1);
  if (!same_date)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
  return TRUE;
}

gboolean
kiosk_day_view_show_day (KioskDayView  *self,
                         const char    *date,
                         GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_DAY_VIEW (self), FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  return show (self, FALSE, NULL, date, !self->week_mode && g_strcmp0 (self->date, date) == 0, error);
}

gboolean
kiosk_day_view_show_week (KioskDayView  *self,
                          const char    *employee_id,
                          const char    *date,
                          GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_DAY_VIEW (self), FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  return show (self, TRUE, employee_id, date,
               self->week_mode && g_strcmp0 (self->date, date) == 0 && g_strcmp0 (self->employee, employee_id) == 0,
               error);
}

gboolean
kiosk_day_view_reload (KioskDayView  *self,
                       GError       **error)
{
  g_autofree char *date = NULL;
  g_autofree char *employee = NULL;

  g_return_val_if_fail (KIOSK_IS_DAY_VIEW (self), FALSE);

  if (self->date == NULL || self->context == NULL)
    return TRUE;
  /* Re-read all of it: staff may have changed too. */
  forget_staff (self);
  date = g_strdup (self->date);
  employee = g_strdup (self->employee);
  return show (self, self->week_mode, employee, date, TRUE, error);
}

/* PageUp/PageDown and Ctrl+arrows: the same staff member (or weekday) at
 * about the same time, on the other day. */
static gboolean
shift_days (KioskDayView *self,
            int           days)
{
  g_autofree char *date = kiosk_date_add_days (self->date, days);
  g_autoptr(GError) error = NULL;
  gboolean had_focus = focused_item (self) >= 0;
  const char *employee = NULL;
  int time = self->focus_time;
  guint column = self->focus_column;
  g_autofree char *employee_copy = NULL;

  if (date == NULL)
    return FALSE;
  if (!self->week_mode && self->columns != NULL && column < self->columns->len)
    employee_copy = g_strdup (((KioskDayColumn *) g_ptr_array_index (self->columns, column))->employee);
  employee = employee_copy;

  if (!show (self, self->week_mode, self->employee, date, FALSE, &error))
    {
      g_warning ("Cannot show %s: %s", date, error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }

  if (!self->week_mode)
    {
      column = G_MAXUINT;
      for (guint c = 0; c < self->columns->len && employee != NULL; c++)
        if (g_strcmp0 (((KioskDayColumn *) g_ptr_array_index (self->columns, c))->employee, employee) == 0)
          column = c;
    }
  if (had_focus)
    {
      int target = column < self->columns->len ? nearest_in_column (self, column, time) : -1;

      if (target < 0 && self->n_shown > 0)
        target = 0;
      if (!focus_item (self, target))
        gtk_widget_grab_focus (GTK_WIDGET (self));
    }
  return TRUE;
}

const char *
kiosk_day_view_get_date (KioskDayView *self)
{
  g_return_val_if_fail (KIOSK_IS_DAY_VIEW (self), NULL);
  return self->date;
}

const char *
kiosk_day_view_get_employee (KioskDayView *self)
{
  g_return_val_if_fail (KIOSK_IS_DAY_VIEW (self), NULL);
  return self->week_mode ? self->employee : NULL;
}

gboolean
kiosk_day_view_get_week_mode (KioskDayView *self)
{
  g_return_val_if_fail (KIOSK_IS_DAY_VIEW (self), FALSE);
  return self->week_mode;
}

void
kiosk_day_view_set_selected (KioskDayView *self,
                             const char   *appointment_id)
{
  g_return_if_fail (KIOSK_IS_DAY_VIEW (self));

  if (g_strcmp0 (self->selected, appointment_id) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (appointment_id);
  for (guint i = 0; i < self->n_shown; i++)
    {
      const KioskDayItem *item = &g_array_index (self->items, KioskDayItem, i);
      gboolean selected = item->kind == KIOSK_DAY_BLOCK_APPOINTMENT && g_strcmp0 (item->id, appointment_id) == 0;

      kiosk_day_block_set_selected (block_at (self, i), selected);
    }
}

const char *
kiosk_day_view_get_selected (KioskDayView *self)
{
  g_return_val_if_fail (KIOSK_IS_DAY_VIEW (self), NULL);
  return self->selected;
}

gboolean
kiosk_day_view_focus_block (KioskDayView *self,
                            const char   *appointment_id)
{
  int target;

  g_return_val_if_fail (KIOSK_IS_DAY_VIEW (self), FALSE);

  target = self->items != NULL ? find_booking (self, appointment_id) : -1;
  if (target < 0 && self->items != NULL)
    target = find_item (self, self->focus_key);
  if (target < 0 && self->n_shown > 0)
    target = 0;
  return focus_item (self, target);
}

char *
kiosk_day_view_dup_label (KioskDayView *self,
                          const char   *appointment_id)
{
  const KioskDayItem *item;
  int index;

  g_return_val_if_fail (KIOSK_IS_DAY_VIEW (self), NULL);

  index = self->items != NULL ? find_booking (self, appointment_id) : -1;
  if (index < 0)
    return NULL;
  item = &g_array_index (self->items, KioskDayItem, index);
  return kiosk_day_lines_dup_label (self->texts, item, item_who (self, item), item_day (self, item));
}

const char *
kiosk_day_view_get_focus_employee (KioskDayView *self)
{
  g_return_val_if_fail (KIOSK_IS_DAY_VIEW (self), NULL);

  if (self->week_mode)
    return self->employee;
  if (self->columns == NULL || self->focus_column >= self->columns->len)
    return NULL;
  return ((KioskDayColumn *) g_ptr_array_index (self->columns, self->focus_column))->employee;
}

guint
kiosk_day_view_get_n_appointments (KioskDayView *self)
{
  guint n = 0;

  g_return_val_if_fail (KIOSK_IS_DAY_VIEW (self), 0);

  for (guint i = 0; i < self->n_shown; i++)
    n += g_array_index (self->items, KioskDayItem, i).kind == KIOSK_DAY_BLOCK_APPOINTMENT;
  return n;
}

guint
kiosk_day_view_get_n_columns (KioskDayView *self)
{
  g_return_val_if_fail (KIOSK_IS_DAY_VIEW (self), 0);
  return self->columns != NULL ? self->columns->len : 0;
}

guint
kiosk_day_view_get_n_blocks (KioskDayView *self)
{
  g_return_val_if_fail (KIOSK_IS_DAY_VIEW (self), 0);
  return self->n_shown;
}

void
kiosk_day_view_set_context (KioskDayView *self,
                            KioskContext *context)
{
  g_return_if_fail (KIOSK_IS_DAY_VIEW (self));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_clear_signal_handler (&self->replica_changed_id, self->context);
  g_set_object (&self->context, context);
  forget_staff (self);
  if (context != NULL)
    self->replica_changed_id = g_signal_connect_swapped (context, "replica-changed", G_CALLBACK (forget_staff), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

KioskContext *
kiosk_day_view_get_context (KioskDayView *self)
{
  g_return_val_if_fail (KIOSK_IS_DAY_VIEW (self), NULL);
  return self->context;
}

/* ---- GObject ------------------------------------------------------------ */

static void
kiosk_day_view_dispose (GObject *object)
{
  KioskDayView *self = KIOSK_DAY_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->now_timer, g_source_remove);
  g_clear_handle_id (&self->settle_timeout, g_source_remove);
  if (self->walkin_popover != NULL)
    g_signal_handlers_disconnect_by_func (self->walkin_popover, walkin_done, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->walkin_popover = NULL;
  self->header = NULL;
  self->axis = NULL;
  if (self->blocks != NULL)
    g_ptr_array_set_size (self->blocks, 0);
  self->n_shown = 0;
  /* After the blocks, which hold it too. */
  g_clear_object (&self->texts);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  if (self->context != NULL)
    g_clear_signal_handler (&self->replica_changed_id, self->context);
  g_clear_object (&self->context);
  forget_staff (self);

  G_OBJECT_CLASS (kiosk_day_view_parent_class)->dispose (object);
}

static void
kiosk_day_view_finalize (GObject *object)
{
  KioskDayView *self = KIOSK_DAY_VIEW (object);

  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_array_unref);
  g_free (self->date);
  g_free (self->employee);
  g_free (self->focus_key);
  g_free (self->selected);

  G_OBJECT_CLASS (kiosk_day_view_parent_class)->finalize (object);
}

static void
kiosk_day_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KioskDayView *self = KIOSK_DAY_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_day_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KioskDayView *self = KIOSK_DAY_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kiosk_day_view_set_context (self, g_value_get_object (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_day_view_class_init (KioskDayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_day_view_dispose;
  object_class->finalize = kiosk_day_view_finalize;
  object_class->get_property = kiosk_day_view_get_property;
  object_class->set_property = kiosk_day_view_set_property;

  widget_class->measure = kiosk_day_view_measure;
  widget_class->size_allocate = kiosk_day_view_size_allocate;
  widget_class->snapshot = kiosk_day_view_snapshot;
  widget_class->map = kiosk_day_view_map;
  widget_class->unmap = kiosk_day_view_unmap;
  widget_class->focus = kiosk_day_view_focus;
  widget_class->set_focus_child = kiosk_day_view_set_focus_child;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KIOSK_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[APPOINTMENT_ACTIVATED] =
    g_signal_new ("appointment-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[BOOK_REQUESTED] =
    g_signal_new ("book-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT);
  signals[WALKIN_ACTIVATED] =
    g_signal_new ("walkin-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "calendar-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kiosk_day_view_init (KioskDayView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->blocks = g_ptr_array_new_with_free_func (NULL);
  self->texts = kiosk_day_lines_new ();
  self->scroll_to_time = -1;
  self->focus_column = G_MAXUINT;

  /* Last among the children, so drawn and picked over the blocks. */
  self->axis = kiosk_day_hour_bar_new ();
  gtk_widget_set_parent (self->axis, GTK_WIDGET (self));
  self->header = kiosk_day_header_new ();
  gtk_widget_set_parent (self->header, GTK_WIDGET (self));

  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The day view, the widget (see kiosk-day-view-private.h for its other
 * files): showing a day, scrolling, focus and keys, and measuring,
 * allocating and drawing its parts.
 */
#define G_LOG_DOMAIN "kiosk-day-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-day-header.h"
#include "kiosk-day-hour-bar.h"
#include "kiosk-day-view-private.h"
#include "kiosk-day-walkin.h"
#include "kiosk-time.h"

static const GdkRGBA grid_bg = KIOSK_DAY_RGBA (0xff, 0xff, 0xff);

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

static GParamSpec *properties[N_PROPS];

static void
kiosk_day_view_scrollable_init (GtkScrollableInterface *iface)
{
}

GtkWidget *
kiosk_day_view_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_DAY_VIEW, "context", context, NULL);
}

/* ---- focus -------------------------------------------------------------- */

static int
focused_item (KioskDayView *self)
{
  GtkWidget *child = gtk_widget_get_focus_child (GTK_WIDGET (self));

  if (child != NULL && KIOSK_IS_DAY_BLOCK (child) && KIOSK_DAY_BLOCK (child)->index < self->n_shown)
    return (int) KIOSK_DAY_BLOCK (child)->index;
  return -1;
}

gboolean
_kiosk_day_view_focus_item (KioskDayView *self,
                            int           index)
{
  KioskDayBlock *block;

  if (index < 0 || (guint) index >= self->n_shown)
    return FALSE;
  block = _kiosk_day_view_block_at (self, (guint) index);
  return gtk_widget_grab_focus (GTK_WIDGET (block));
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
      _kiosk_day_view_scroll_to_item (self, index);
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

  target = _kiosk_day_view_find_item (self, self->focus_key);
  if (target < 0 && self->n_shown > 0)
    target = 0;
  return _kiosk_day_view_focus_item (self, target);
}

/* ---- showing a day ------------------------------------------------------ */

static void
forget_staff (KioskDayView *self)
{
  kiosk_day_model_forget_staff (&self->staff);
}

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
  kiosk_day_hour_bar_set_now (KIOSK_DAY_HOUR_BAR (self->axis), self->now, _kiosk_day_view_shows_today (self));

  _kiosk_day_view_show_items (self);

  /* The same appointment, else the nearest block of the same column. */
  target = _kiosk_day_view_find_item (self, focus_key);
  if (target < 0 && focus_column < self->columns->len)
    target = _kiosk_day_view_nearest_in_column (self, focus_column, focus_time);
  if (had_focus && !_kiosk_day_view_focus_item (self, target))
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
    {
      kiosk_day_block_drop_raster (g_ptr_array_index (self->blocks, i));
      gtk_widget_set_child_visible (g_ptr_array_index (self->blocks, i), FALSE);
    }

  /* A walk-in's details stay up while it is still in service. */
  _kiosk_day_view_walkin_refill (self);

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
    _kiosk_day_view_set_adjustments (self, self->alloc_width, self->alloc_height);

  /* Allocation, not resize: the window around need not be measured again. */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_queue_draw (self->header);
  gtk_widget_queue_draw (self->axis);
}

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

/* ---- scrolling ---------------------------------------------------------- */

void
_kiosk_day_view_adjustment_value_changed (KioskDayView  *self,
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
      g_signal_handlers_disconnect_by_func (*slot, _kiosk_day_view_adjustment_value_changed, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (_kiosk_day_view_adjustment_value_changed), self);
  /* The header follows the columns sideways. */
  if (slot == &self->hadjustment && self->header != NULL)
    kiosk_day_header_set_hadjustment (KIOSK_DAY_HEADER (self->header), adjustment);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* ---- moving by keyboard ------------------------------------------------- */

/* To @target, or a bell when there is none that way. */
static gboolean
move_to (KioskDayView *self,
         int           target)
{
  if (target < 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }
  return _kiosk_day_view_focus_item (self, target);
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
      int target = column < self->columns->len ? _kiosk_day_view_nearest_in_column (self, column, time) : -1;

      if (target < 0 && self->n_shown > 0)
        target = 0;
      if (!_kiosk_day_view_focus_item (self, target))
        gtk_widget_grab_focus (GTK_WIDGET (self));
    }
  return TRUE;
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
  if (_kiosk_day_view_walkin_shown (self))
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
      return mods == 0 && current >= 0 && move_to (self, _kiosk_day_view_step_column (self, current, -1));
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (mods == GDK_CONTROL_MASK)
        return shift_days (self, days);
      return mods == 0 && current >= 0 && move_to (self, _kiosk_day_view_step_column (self, current, 1));
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return mods == 0 && current >= 0 && move_to (self, _kiosk_day_view_step_in_column (self, current, -1));
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return mods == 0 && current >= 0 && move_to (self, _kiosk_day_view_step_in_column (self, current, 1));
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      return mods == 0 && current >= 0 && move_to (self, _kiosk_day_view_column_end (self, current, FALSE));
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      return mods == 0 && current >= 0 && move_to (self, _kiosk_day_view_column_end (self, current, TRUE));
    default:
      return FALSE;
    }
}

/* ---- layout and drawing ------------------------------------------------- */

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
      *minimum = AXIS_W + _kiosk_day_view_min_col_w (self);
      *natural = AXIS_W + _kiosk_day_view_min_col_w (self) * (int) MAX (n, 1);
    }
  else
    {
      /* Before the first day is loaded the content is only the header. */
      *minimum = HEADER_H + PX_PER_HOUR;
      *natural = MAX (*minimum, _kiosk_day_view_content_height (self));
    }
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

  /* Before the first layout, where a new day opens is set here. */
  _kiosk_day_view_set_adjustments (self, width, height);
  hx = gtk_adjustment_get_value (self->hadjustment);
  vy = gtk_adjustment_get_value (self->vadjustment);

  _kiosk_day_view_place_blocks (self, width, height, hx, vy);

  _kiosk_day_view_walkin_place (self, hx, vy);

  gtk_widget_measure (self->axis, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  gtk_widget_size_allocate (self->axis,
                            &(GtkAllocation) { 0, -(int) vy, AXIS_W, _kiosk_day_view_content_height (self) }, -1);
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

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_color (snapshot, &grid_bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* What scrolls stays below the header, and the header right of the
   * corner, which cover them anyway: so the corner never changes, nor the
   * header in a scroll. GTK 4.8's X11 cairo path makes a frame that
   * changes every pixel of the window much dearer (a new shared memory
   * segment each frame), and paints and uploads only what changed. */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, HEADER_H, width, MAX (height - HEADER_H, 0)));

  _kiosk_day_view_snapshot_grid (self, snapshot, width, height, hx, vy);
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
      kiosk_day_hour_bar_set_now (KIOSK_DAY_HOUR_BAR (self->axis), self->now, _kiosk_day_view_shows_today (self));
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

      kiosk_day_block_set_selected (_kiosk_day_view_block_at (self, i), selected);
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

  target = self->items != NULL ? _kiosk_day_view_find_booking (self, appointment_id) : -1;
  if (target < 0 && self->items != NULL)
    target = _kiosk_day_view_find_item (self, self->focus_key);
  if (target < 0 && self->n_shown > 0)
    target = 0;
  return _kiosk_day_view_focus_item (self, target);
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
    g_signal_handlers_disconnect_by_data (self->walkin_popover, self);
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
    g_signal_handlers_disconnect_by_func (self->hadjustment, _kiosk_day_view_adjustment_value_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, _kiosk_day_view_adjustment_value_changed, self);
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

  /* Emitted when a block is activated (kiosk-day-view-blocks.c). */
  g_signal_new ("appointment-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  g_signal_new ("book-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT);
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

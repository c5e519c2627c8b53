/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Inside the day view, shared by the files of its one class (the way of
 * GNOME Text Editor's editor-window-*.c):
 *  - kiosk-day-view.c, the widget: showing a day and applying its model,
 *    scrolling, focus and keys, and measuring, allocating and drawing its
 *    parts (the grid, the KioskDayHeader and the KioskDayHourBar);
 *  - kiosk-day-view-grid.c, the grid: column width and scroll positions,
 *    where each block goes, which item is next to which, which blocks are
 *    laid out, and what is drawn behind and over them;
 *  - kiosk-day-view-blocks.c, the blocks: made and reused for each day's
 *    items, and what activating one does (a walk-in's details included).
 * The parts of their own (header, hour bar, blocks, their lines, the
 * walk-in's details) do not see this struct: the view hands them what they
 * show. Nothing else includes this.
 */
#pragma once

#include "kiosk-day-block-private.h"
#include "kiosk-day-lines.h"
#include "kiosk-day-model-private.h"
#include "kiosk-day-style.h"
#include "kiosk-day-view.h"

G_BEGIN_DECLS

/* Once the view rests this long, every block is laid out. */
#define SETTLE_MS      250

#define Y_OF(self, t)  KIOSK_DAY_Y ((self)->axis_start, t)

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
  /* What the blocks say, handed to each (kiosk-day-lines.h). */
  KioskDayLines *texts;

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

/* kiosk-day-view.c */
/* Moves the keyboard focus to the block of item @index, if shown. */
gboolean       _kiosk_day_view_focus_item          (KioskDayView       *self,
                                                    int                 index);
void           _kiosk_day_view_adjustment_value_changed (KioskDayView  *self,
                                                         GtkAdjustment *adjustment);

/* kiosk-day-view-blocks.c */
KioskDayBlock *_kiosk_day_view_block_at            (KioskDayView       *self,
                                                    guint               index);
/* Shows the items in the blocks (block i shows item i), made as needed. */
void           _kiosk_day_view_show_items          (KioskDayView       *self);
gboolean       _kiosk_day_view_walkin_shown        (KioskDayView       *self);
/* A new day's items: the walk-in's details are filled again from them,
 * or put away when the walk-in is not among them. */
void           _kiosk_day_view_walkin_refill       (KioskDayView       *self);
/* Points the walk-in's details at its block, the view scrolled to @hx,
 * @vy (in size_allocate). */
void           _kiosk_day_view_walkin_place        (KioskDayView       *self,
                                                    double              hx,
                                                    double              vy);

/* kiosk-day-view-grid.c */
int            _kiosk_day_view_min_col_w           (KioskDayView       *self);
int            _kiosk_day_view_content_width       (KioskDayView       *self,
                                                    int                 width);
int            _kiosk_day_view_content_height      (KioskDayView       *self);
/* The column width and the adjustments for a size, from where the view
 * is, or where a new day opens (scroll_to_time), or where the view was
 * before a reload (restore_scroll). */
void           _kiosk_day_view_set_adjustments     (KioskDayView       *self,
                                                    int                 width,
                                                    int                 height);
/* Scrolls the block of item @index into view. */
void           _kiosk_day_view_scroll_to_item      (KioskDayView       *self,
                                                    guint               index);
/* Where @item's block goes, the view scrolled to @hx, @vy. */
void           _kiosk_day_view_item_rect           (KioskDayView       *self,
                                                    const KioskDayItem *item,
                                                    double              hx,
                                                    double              vy,
                                                    GtkAllocation      *out);
/* The index of the item of @key, or -1. */
int            _kiosk_day_view_find_item           (KioskDayView       *self,
                                                    const char         *key);
/* The index of an appointment's or a walk-in's item, or -1. */
int            _kiosk_day_view_find_booking        (KioskDayView       *self,
                                                    const char         *id);
/* The item of @column nearest @time, or -1 when the column is empty. */
int            _kiosk_day_view_nearest_in_column   (KioskDayView       *self,
                                                    guint               column,
                                                    int                 time);
/* From the item @current (shown), for the keys: the next (@step 1) or the
 * one before (-1) in its column, or -1 at its end; the nearest in time in
 * the next column that has any that way, or -1; the first or @last of its
 * column. */
int            _kiosk_day_view_step_in_column      (KioskDayView       *self,
                                                    int                 current,
                                                    int                 step);
int            _kiosk_day_view_step_column         (KioskDayView       *self,
                                                    int                 current,
                                                    int                 step);
int            _kiosk_day_view_column_end          (KioskDayView       *self,
                                                    int                 current,
                                                    gboolean            last);
/* A column shown is today. */
gboolean       _kiosk_day_view_shows_today         (KioskDayView       *self);
/* Allocates the blocks near the viewport (all of them after a new size or
 * once the view rests). */
void           _kiosk_day_view_place_blocks        (KioskDayView       *self,
                                                    int                 width,
                                                    int                 height,
                                                    double              hx,
                                                    double              vy);
/* Closed hours, hour lines, the blocks in view and the now-line, below
 * the header. */
void           _kiosk_day_view_snapshot_grid       (KioskDayView       *self,
                                                    GtkSnapshot        *snapshot,
                                                    int                 width,
                                                    int                 height,
                                                    double              hx,
                                                    double              vy);

G_END_DECLS

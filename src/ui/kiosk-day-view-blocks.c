/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The day view's blocks (see kiosk-day-view-private.h): made as a day
 * needs more of them and reused by position for the next day's items, and
 * what activating one does: an appointment is selected, free time booked,
 * a walk-in's details (KioskDayWalkin) shown over its block.
 */
/* One log domain for the day view and its parts. */
#define G_LOG_DOMAIN "kiosk-day-view"

#include "config.h"

#include "kiosk-day-view-private.h"
#include "kiosk-day-walkin.h"

/* ---- what the blocks show ----------------------------------------------- */

KioskDayBlock *
_kiosk_day_view_block_at (KioskDayView *self,
                          guint         index)
{
  return index < self->blocks->len ? g_ptr_array_index (self->blocks, index) : NULL;
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

static void block_clicked (KioskDayBlock *block,
                           KioskDayView  *self);

void
_kiosk_day_view_show_items (KioskDayView *self)
{
  while (self->blocks->len < self->items->len)
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

  self->n_shown = self->items->len;
  for (guint i = 0; i < self->items->len; i++)
    {
      const KioskDayItem *item = &g_array_index (self->items, KioskDayItem, i);
      gboolean selected = item->kind == KIOSK_DAY_BLOCK_APPOINTMENT && self->selected != NULL
                          && g_strcmp0 (item->id, self->selected) == 0;

      kiosk_day_block_show_item (_kiosk_day_view_block_at (self, i), i, item, item_who (self, item),
                                 item_day (self, item), selected, self->texts);
    }
}

char *
kiosk_day_view_dup_label (KioskDayView *self,
                          const char   *appointment_id)
{
  const KioskDayItem *item;
  int index;

  g_return_val_if_fail (KIOSK_IS_DAY_VIEW (self), NULL);

  index = self->items != NULL ? _kiosk_day_view_find_booking (self, appointment_id) : -1;
  if (index < 0)
    return NULL;
  item = &g_array_index (self->items, KioskDayItem, index);
  return kiosk_day_lines_dup_label (self->texts, item, item_who (self, item), item_day (self, item));
}

/* ---- a walk-in's details ------------------------------------------------ */

/* The item key of the walk-in whose details were last asked for. */
static const char *
walkin_key (KioskDayView *self)
{
  return self->walkin_popover != NULL ? kiosk_day_walkin_get_key (KIOSK_DAY_WALKIN (self->walkin_popover)) : NULL;
}

gboolean
_kiosk_day_view_walkin_shown (KioskDayView *self)
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
  index = _kiosk_day_view_find_item (self, walkin_key (self));
  if (index >= 0)
    _kiosk_day_view_focus_item (self, index);
}

/* Fills the details from the item of @key; FALSE when it is not shown. */
static gboolean
fill_walkin_popover (KioskDayView *self,
                     const char   *key)
{
  int index = self->items != NULL ? _kiosk_day_view_find_item (self, key) : -1;
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

void
_kiosk_day_view_walkin_refill (KioskDayView *self)
{
  if (_kiosk_day_view_walkin_shown (self) && !fill_walkin_popover (self, walkin_key (self)))
    kiosk_day_walkin_dismiss (KIOSK_DAY_WALKIN (self->walkin_popover));
}

void
_kiosk_day_view_walkin_place (KioskDayView *self,
                              double        hx,
                              double        vy)
{
  int index;

  if (!_kiosk_day_view_walkin_shown (self))
    return;
  index = _kiosk_day_view_find_item (self, walkin_key (self));
  if (index >= 0 && (guint) index < self->n_shown)
    {
      GtkAllocation rect;

      _kiosk_day_view_item_rect (self, &g_array_index (self->items, KioskDayItem, index), hx, vy, &rect);
      gtk_popover_set_pointing_to (GTK_POPOVER (self->walkin_popover), &rect);
    }
  gtk_popover_present (GTK_POPOVER (self->walkin_popover));
}

/* ---- activating a block ------------------------------------------------- */

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
      g_signal_emit_by_name (self, "appointment-activated", item->id);
      break;
    case KIOSK_DAY_BLOCK_FREE:
      g_signal_emit_by_name (self, "book-requested", column->date, column->employee,
                             kiosk_day_block_take_book_time (block));
      break;
    case KIOSK_DAY_BLOCK_WALKIN:
      show_walkin (self, block->index);
      g_signal_emit_by_name (self, "walkin-activated", item->id);
      break;
    default:
      break;
    }
}

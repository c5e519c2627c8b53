/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * A walk-in's details in the day view, over its block: who, what, with
 * whom, since when, whether it waits to sync, and a button to the Queue
 * page (win.show-walkin, with the walk-in's id). It remembers which
 * walk-in it shows (by its item's key), so that the view can fill it again
 * from a new day's items while it is up, or dismiss it when the walk-in is
 * no longer in service.
 *
 * Signals:
 *  "done": the person closed it (Escape, a click outside, the Queue
 *          button), not the view (kiosk_day_walkin_dismiss()): the focus
 *          goes back to the walk-in's block.
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-day-model-private.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_DAY_WALKIN (kiosk_day_walkin_get_type ())
G_DECLARE_FINAL_TYPE (KioskDayWalkin, kiosk_day_walkin, KIOSK, DAY_WALKIN, GtkPopover)

GtkWidget  *kiosk_day_walkin_new      (void);

/* Shows the walk-in of @item (a KIOSK_DAY_BLOCK_WALKIN): @staff is whose
 * column it is in, NULL for none (the week view's column is a day). */
void        kiosk_day_walkin_set_item (KioskDayWalkin     *self,
                                       const KioskDayItem *item,
                                       const char         *staff);
/* The key of the item last set (KioskDayItem.key), or NULL. */
const char *kiosk_day_walkin_get_key  (KioskDayWalkin     *self);
/* Up on screen. */
gboolean    kiosk_day_walkin_is_shown (KioskDayWalkin     *self);
/* Pops it down without "done": its walk-in is gone from what is shown. */
void        kiosk_day_walkin_dismiss  (KioskDayWalkin     *self);

G_END_DECLS

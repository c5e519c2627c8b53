/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the blocks of a day view say: the lines they draw (as markup) and
 * their spoken labels, with the status words translated once per day
 * shown; the layouts of the lines many blocks draw (a service, a status),
 * shaped once and not once a block; and the layouts of texts no longer
 * shown, freed when idle rather than in the middle of a day switch.
 *
 * The view makes one and hands it to each block it shows an item in
 * (kiosk_day_block_show_item()): a block draws from it and never asks its
 * view.
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-day-model-private.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_DAY_LINES (kiosk_day_lines_get_type ())
G_DECLARE_FINAL_TYPE (KioskDayLines, kiosk_day_lines, KIOSK, DAY_LINES, GObject)

KioskDayLines *kiosk_day_lines_new           (void);

/* Translates the status words again (when a day is shown). */
void           kiosk_day_lines_update_texts  (KioskDayLines       *self);

/* The lines a block of @item draws, as markup, top to bottom: the first
 * says whose booking, the others (service, status) are alike in many
 * blocks. @marked_first: the first line with the status's symbol in front,
 * for a block too short to show its status line (NULL for free time), so
 * that no block tells its status by colour alone. */
char         **kiosk_day_lines_dup_markup    (KioskDayLines       *self,
                                              const KioskDayItem  *item,
                                              char               **marked_first);

/* What a screen reader says for @item: time, customer, service, status,
 * and @who (whose column, in a day) or @day (in a week), either NULL. */
char          *kiosk_day_lines_dup_label     (KioskDayLines       *self,
                                              const KioskDayItem  *item,
                                              const char          *who,
                                              const char          *day);

/* The layout of a line many blocks draw, at @width, made for @widget the
 * first time; owned by @self. */
PangoLayout   *kiosk_day_lines_get_layout    (KioskDayLines       *self,
                                              GtkWidget           *widget,
                                              const char          *markup,
                                              int                  width);

/* Takes @layout, a block's own that shows a text no longer shown, and
 * frees it when the main loop is idle. */
void           kiosk_day_lines_drop_layout   (KioskDayLines       *self,
                                              PangoLayout         *layout);

/* "HH:MM" into @buf, as kiosk_format_time() without an allocation: a busy
 * day formats thousands of times. */
const char    *kiosk_day_format_hm           (char                 buf[8],
                                              int                  seconds);

G_END_DECLS

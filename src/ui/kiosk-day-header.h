/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The day view's header: the row of its columns' names (the staff members
 * working on a day, or the days of a staff member's week), today's
 * underlined, following the columns sideways. Drawn only: what it says is
 * in every block's spoken label. The day view sets what it shows.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_DAY_HEADER (kiosk_day_header_get_type ())
G_DECLARE_FINAL_TYPE (KioskDayHeader, kiosk_day_header, KIOSK, DAY_HEADER, GtkWidget)

GtkWidget *kiosk_day_header_new              (void);

/* @columns: the view's KioskDayColumns (kiosk-day-model-private.h), or
 * NULL before a day is shown. */
void       kiosk_day_header_set_columns      (KioskDayHeader *self,
                                              GPtrArray      *columns);
void       kiosk_day_header_set_column_width (KioskDayHeader *self,
                                              int             width);
/* The view's horizontal scrolling, read when drawn. */
void       kiosk_day_header_set_hadjustment  (KioskDayHeader *self,
                                              GtkAdjustment  *adjustment);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The day view's time axis: the hours down its left side and, on a day
 * that is today, the time now beside the now-line. As tall as the day, its
 * top the header's height above the first hour; the view moves it with its
 * vertical scrolling. Drawn only: what it says is in every block's spoken
 * label. The day view sets what it shows.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_DAY_HOUR_BAR (kiosk_day_hour_bar_get_type ())
G_DECLARE_FINAL_TYPE (KioskDayHourBar, kiosk_day_hour_bar, KIOSK, DAY_HOUR_BAR, GtkWidget)

GtkWidget *kiosk_day_hour_bar_new       (void);

/* The hours from @start to @end, seconds since the salon's midnight (@end
 * may be past the next midnight). */
void       kiosk_day_hour_bar_set_range (KioskDayHourBar *self,
                                         int              start,
                                         int              end);
/* @now: seconds since the salon's midnight; @today: a column shown is
 * today, so that the time now is shown. */
void       kiosk_day_hour_bar_set_now   (KioskDayHourBar *self,
                                         int              now,
                                         gboolean         today);

G_END_DECLS

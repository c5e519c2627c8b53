/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * bench-calendar's parts (see bench-calendar.c): the replica with the busy
 * days (bench-calendar-replica.c), GTK's own cost for reference and the
 * window manager (bench-calendar-sheet.c).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define N_STAFF          30
#define N_PER_STAFF      20

/* bench-calendar-replica.c */
GTimeZone   *bench_calendar_istanbul           (void);
char        *bench_calendar_today              (void);
/* @date plus @days, "YYYY-MM-DD". */
char        *bench_calendar_date_plus          (const char *date,
                                                int         days);
/* A Wednesday about a month ahead: an open day past the demo's bookings. */
char        *bench_calendar_busy_day_after     (const char *today);
/* bench-startup's big replica in @dir, made for @today unless it is. */
void         bench_calendar_ensure_big_replica (const char *dir,
                                                const char *today);
/* @dir/replica.db: the big replica of @big_dir plus N_STAFF staff members
 * with N_PER_STAFF appointments each on @busy_day and @other_busy_day. */
void         bench_calendar_ensure_replica     (const char *big_dir,
                                                const char *dir,
                                                const char *today,
                                                const char *busy_day,
                                                const char *other_busy_day);

/* bench-calendar-sheet.c */
/* Puts a scrolled sheet @height pixels tall (white, with half-hour lines
 * when @draws) in @window instead of what it shows, under a sheet @strip
 * pixels tall that does not scroll; returns the scrolled sheet's vertical
 * adjustment, and the sheet in @out_sheet. */
GtkAdjustment *bench_calendar_show_sheet       (GtkWidget  *window,
                                                int         height,
                                                gboolean    draws,
                                                int         strip,
                                                GtkWidget **out_sheet);
/* Starts matchbox-window-manager when the X display has none; returns it,
 * or NULL when there was one or the display is not X11. */
GSubprocess   *bench_calendar_ensure_window_manager (void);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Wall-clock times of day (seconds since the salon's midnight) and
 * calendar dates ("YYYY-MM-DD") as the API writes them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "HH:MM" or "HH:MM:SS" (two digits each), 00:00:00 … 23:59:59.
 * FALSE (and *seconds untouched) otherwise. */
gboolean kiosk_time_parse        (const char *text,
                                  int        *seconds);

/* "HH:MM:SS". Values are clamped to 0 … 86400 (24:00:00, the end of a day). */
char    *kiosk_time_format       (int         seconds);

/* "HH:MM", same clamping; seconds are dropped. */
char    *kiosk_time_format_short (int         seconds);

/* How long, as people read it: "45 min", "1 h", "1 h 20 min" (Turkish "45 dk",
 * "1 sa", "1 sa 20 dk"), translated with each number's plural. Negative is 0. */
char    *kiosk_time_format_duration (int      minutes);

/* Seconds since midnight on @dt's own wall clock (in its time zone),
 * 0 … 86399; the microseconds are dropped. */
int      kiosk_time_of_day       (GDateTime  *dt);

/* Strict "YYYY-MM-DD" naming a real day. FALSE (and @date untouched) otherwise. */
gboolean kiosk_date_parse        (const char *text,
                                  GDate      *date);

/* @iso_date moved by @days (negative: back), as "YYYY-MM-DD"; NULL if
 * @iso_date is not a date. */
char    *kiosk_date_add_days     (const char *iso_date,
                                  int         days);

/* 0 = Monday … 6 = Sunday (the API's day_of_week), -1 if @iso_date is invalid. */
int      kiosk_date_day_of_week  (const char *iso_date);

/* The test clock (KIOSK_TEST_CLOCK_OFFSET): a number of seconds, maybe
 * negative or fractional, as a GTimeSpan. NULL or "" is 0; anything else
 * that is not a finite number is FALSE. */
gboolean kiosk_time_parse_clock_offset (const char *text,
                                        GTimeSpan  *offset);

G_END_DECLS

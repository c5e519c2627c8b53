/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The time grid of the staff calendar (the Calendar page, where staff see
 * and book the salon's appointments): a time axis over the salon's hours
 * in the salon's time zone, and columns of blocks — one column per staff
 * member working on a day (day mode), or the seven days of one staff
 * member's week (week mode). Appointments, walk-ins in service and free
 * time are focusable blocks announced with their time, customer, service
 * and status; arrow keys move between them, PageUp/PageDown and
 * Ctrl+Left/Right between days (weeks). Put it in a GtkScrolledWindow: it
 * is a GtkScrollable and lays out only what it shows, recycling its blocks.
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_DAY_VIEW (kiosk_day_view_get_type ())
G_DECLARE_FINAL_TYPE (KioskDayView, kiosk_day_view, KIOSK, DAY_VIEW, GtkWidget)

GtkWidget    *kiosk_day_view_new           (KioskContext *context);

/* The context can come late (the view is made by a template). */
void          kiosk_day_view_set_context   (KioskDayView *self,
                                            KioskContext *context);
KioskContext *kiosk_day_view_get_context   (KioskDayView *self);

/* Day mode: every staff member working on @date ("YYYY-MM-DD"). */
gboolean      kiosk_day_view_show_day      (KioskDayView *self,
                                            const char   *date,
                                            GError      **error);
/* Week mode: the week (Monday first) holding @date, for @employee_id. */
gboolean      kiosk_day_view_show_week     (KioskDayView *self,
                                            const char   *employee_id,
                                            const char   *date,
                                            GError      **error);
/* The day shown (day mode) or the day the week was asked for (week mode);
 * NULL before anything was shown. Notifies :date. */
const char   *kiosk_day_view_get_date      (KioskDayView *self);
/* The week's staff member, NULL in day mode. */
const char   *kiosk_day_view_get_employee  (KioskDayView *self);
gboolean      kiosk_day_view_get_week_mode (KioskDayView *self);

/* Re-reads the replica for what is shown, keeping the scroll position, the
 * selected block and the keyboard focus (by appointment id). */
gboolean      kiosk_day_view_reload        (KioskDayView *self,
                                            GError      **error);

/* The appointment drawn as selected (the one the details panel shows). */
void          kiosk_day_view_set_selected  (KioskDayView *self,
                                            const char   *appointment_id);
const char   *kiosk_day_view_get_selected  (KioskDayView *self);

/* Moves the keyboard focus to the block of @appointment_id (or of a
 * walk-in in service, by its id), else to the block the view last had
 * focused, else to the first block. */
gboolean      kiosk_day_view_focus_block   (KioskDayView *self,
                                            const char   *appointment_id);

/* What a screen reader says for the block of the appointment (or walk-in
 * in service) of that id; NULL if the day shown has no such block. */
char         *kiosk_day_view_dup_label    (KioskDayView *self,
                                           const char   *appointment_id);

/* The staff member of the column the keyboard was last in (day mode), or
 * NULL: the week view opens on them. */
const char   *kiosk_day_view_get_focus_employee (KioskDayView *self);

/* How many appointments are shown (every status). */
guint         kiosk_day_view_get_n_appointments (KioskDayView *self);

/* For tests and benchmarks: columns and blocks (appointments, walk-ins
 * in service and free time) of what is shown. */
guint         kiosk_day_view_get_n_columns (KioskDayView *self);
guint         kiosk_day_view_get_n_blocks  (KioskDayView *self);

/* Signals:
 *  "appointment-activated" (const char *appointment_id)
 *  "book-requested" (const char *date, const char *employee_id or NULL,
 *                    int time: seconds since the salon's midnight)
 *  "walkin-activated" (const char *walkin_id): a walk-in's block was
 *                    activated; the view shows its details (who, what,
 *                    with whom, since when) over the block, with a button
 *                    to the Queue page (the window's win.show-page) */

G_END_DECLS

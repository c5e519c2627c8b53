/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * One staff member's week: a staff chooser, a date picker,
 * "Today", the previous and next week, and the week as seven day columns
 * of a KioskDayView in week mode.
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-context.h"
#include "kiosk-day-view.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_WEEK_VIEW (kiosk_week_view_get_type ())
G_DECLARE_FINAL_TYPE (KioskWeekView, kiosk_week_view, KIOSK, WEEK_VIEW, GtkWidget)

GtkWidget    *kiosk_week_view_new          (KioskContext  *context);
void          kiosk_week_view_set_context  (KioskWeekView *self,
                                            KioskContext  *context);

/* Shows the week holding @date ("YYYY-MM-DD"; NULL: the one shown, else
 * today) of @employee_id (NULL: the one shown, else the first by name). */
gboolean      kiosk_week_view_show         (KioskWeekView *self,
                                            const char    *employee_id,
                                            const char    *date,
                                            GError       **error);
/* Re-reads the staff list and the week, keeping place and focus. */
gboolean      kiosk_week_view_reload       (KioskWeekView *self,
                                            GError       **error);
const char   *kiosk_week_view_get_employee (KioskWeekView *self);
KioskDayView *kiosk_week_view_get_day_view (KioskWeekView *self);

G_END_DECLS

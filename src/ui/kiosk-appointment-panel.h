/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * One appointment's details: time, customer, service, staff,
 * status, pending-sync badge, and the actions that fit its status: check
 * in, complete, cancel, no-show (kiosk-desk-bookings.h; offline-first).
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-context.h"
#include "kiosk-panel.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_APPOINTMENT_PANEL (kiosk_appointment_panel_get_type ())
G_DECLARE_FINAL_TYPE (KioskAppointmentPanel, kiosk_appointment_panel, KIOSK, APPOINTMENT_PANEL, KioskPanel)

GtkWidget  *kiosk_appointment_panel_new             (KioskContext          *context);

/* Shows @appointment_id (re-read from the replica), or nothing for NULL. */
void        kiosk_appointment_panel_set_appointment (KioskAppointmentPanel *self,
                                                     const char            *appointment_id);
const char *kiosk_appointment_panel_get_appointment (KioskAppointmentPanel *self);

/* Re-reads the shown appointment (after a replica change). */
void        kiosk_appointment_panel_reload          (KioskAppointmentPanel *self);

/* Signals: "closed" () when the person closes the details;
 * "changed" (const char *appointment_id) after an action was recorded. */

G_END_DECLS

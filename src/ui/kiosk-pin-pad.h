/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The staff PIN pad the window lays over its pages (not a dialog): big
 * touch keys, masked digits, the keyboard works too. It checks the PIN
 * with KioskStaffLock in a worker thread and says how many tries are left
 * or until when entry is locked. Emits ::unlocked or ::cancelled.
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-staff-lock.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_PIN_PAD (kiosk_pin_pad_get_type ())
G_DECLARE_FINAL_TYPE (KioskPinPad, kiosk_pin_pad, KIOSK, PIN_PAD, GtkWidget)

GtkWidget  *kiosk_pin_pad_new         (void);
/* The lock to check against (NULL: none, e.g. the demo). */
void        kiosk_pin_pad_set_lock    (KioskPinPad    *self,
                                       KioskStaffLock *lock);
/* The salon's time zone, for "locked until 14:35" (NULL: local). */
void        kiosk_pin_pad_set_time_zone (KioskPinPad  *self,
                                         GTimeZone    *time_zone);
/* Empties the digits and the message, cancels a check in flight, and
 * shows the lock-out if there is one. */
void        kiosk_pin_pad_reset       (KioskPinPad    *self);
/* The message under the digits ("Wrong PIN: 3 tries left"), or "". */
const char *kiosk_pin_pad_get_message (KioskPinPad    *self);
/* TRUE while a check runs in the worker. */
gboolean    kiosk_pin_pad_get_busy    (KioskPinPad    *self);

G_END_DECLS

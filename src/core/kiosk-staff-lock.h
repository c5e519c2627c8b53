/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The staff PIN that unlocks staff mode: its salted slow hash lives in the
 * Secret Service (src/sync/kiosk-pin-store.c), the lock-out state (five
 * wrong PINs lock entry for 5 minutes, doubling each time after) in the
 * replica's meta so that it survives a restart. No GTK here.
 */
#pragma once

#include <gio/gio.h>

#include "kiosk-context.h"

G_BEGIN_DECLS

/* Opaque here (kiosk-replica.h): the UI room does not see the replica. */
typedef struct _KioskReplica KioskReplica;

#define KIOSK_STAFF_LOCK_ERROR (kiosk_staff_lock_error_quark ())

typedef enum {
  KIOSK_STAFF_LOCK_ERROR_WRONG_PIN,    /* message says how many tries are left */
  KIOSK_STAFF_LOCK_ERROR_LOCKED_OUT,   /* message says until when */
  KIOSK_STAFF_LOCK_ERROR_NO_PIN,       /* none set yet (pairing sets it) */
  KIOSK_STAFF_LOCK_ERROR_UNAVAILABLE,  /* no secret store answers */
  KIOSK_STAFF_LOCK_ERROR_INVALID,      /* a new PIN that is too short, not digits */
} KioskStaffLockError;

GQuark kiosk_staff_lock_error_quark (void);

/* Microseconds since the epoch; tests inject their own. */
typedef gint64 (*KioskClockFunc) (gpointer user_data);

#define KIOSK_TYPE_STAFF_LOCK (kiosk_staff_lock_get_type ())
G_DECLARE_FINAL_TYPE (KioskStaffLock, kiosk_staff_lock, KIOSK, STAFF_LOCK, GObject)

/* @key: what the PIN belongs to in the secret store (the salon id, or the
 * data dir's device id). The lock-out state is kept in the meta of
 * @replica's file, which the lock opens again for itself (tries run in a
 * worker thread). */
KioskStaffLock *kiosk_staff_lock_new            (KioskReplica    *replica,
                                                 const char      *key);
/* The same over @context's replica, for the screens. */
KioskStaffLock *kiosk_staff_lock_new_for_context (KioskContext   *context,
                                                  const char     *key);
void            kiosk_staff_lock_set_clock      (KioskStaffLock  *self,
                                                 KioskClockFunc   clock,
                                                 gpointer         user_data);

/* Blocking (a PBKDF2 of ≥100 000 rounds and a Secret Service call): call
 * from a worker thread in the UI (GTask), directly in tests and the CLI. */
gboolean        kiosk_staff_lock_set_pin        (KioskStaffLock  *self,
                                                 const char      *pin,
                                                 GCancellable    *cancellable,
                                                 GError         **error);
gboolean        kiosk_staff_lock_has_pin        (KioskStaffLock  *self,
                                                 GCancellable    *cancellable,
                                                 GError         **error);
/* TRUE when @pin is right. A wrong PIN counts towards the lock-out; while
 * locked out nothing is checked or counted. */
gboolean        kiosk_staff_lock_try            (KioskStaffLock  *self,
                                                 const char      *pin,
                                                 GCancellable    *cancellable,
                                                 GError         **error);
/* 0 when PIN entry is open, else when it opens again (µs since the epoch). */
gint64          kiosk_staff_lock_locked_until   (KioskStaffLock  *self);
guint           kiosk_staff_lock_tries_left     (KioskStaffLock  *self);

G_END_DECLS

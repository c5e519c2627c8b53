/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The lock-out policy of the staff PIN as a small state machine over a
 * clock the caller passes in (µs since the epoch): five wrong PINs in a row
 * lock PIN entry for 5 minutes; after that, every further five wrong PINs
 * lock it for twice as long as the time before (10, 20, 40 … minutes, at
 * most a day); a right PIN starts over. While locked, tries are refused
 * and not counted. The state is a short string so it can be persisted.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KIOSK_PIN_LOCK_MAX_FAILURES   5
#define KIOSK_PIN_LOCK_FIRST_US       (G_GINT64_CONSTANT (5) * 60 * G_USEC_PER_SEC)
/* The lock-out doubles each time; this bound only keeps the
 * arithmetic finite (it takes 18 lock-outs in a row to reach). */
#define KIOSK_PIN_LOCK_LONGEST_US     (G_GINT64_CONSTANT (365) * 24 * 60 * 60 * G_USEC_PER_SEC)

typedef struct {
  guint  failures;      /* wrong PINs since the last lock-out or right PIN */
  guint  level;         /* lock-outs since the last right PIN */
  gint64 locked_at;     /* when the current lock-out began, 0 = none */
  gint64 locked_until;  /* when it ends, 0 = PIN entry is open */
} KioskPinLock;

void      kiosk_pin_lock_init             (KioskPinLock *lock);

/* How long the @level-th lock-out lasts (level ≥ 1). */
gint64    kiosk_pin_lock_duration         (guint         level);

/* 0 when a PIN may be tried at @now, else the µs left of the lock-out.
 * An expired lock-out is cleared here. A clock that went back before the
 * lock-out began restarts it from @now rather than opening it. */
gint64    kiosk_pin_lock_remaining        (KioskPinLock *lock,
                                           gint64        now);

/* Wrong PINs left before the next lock-out (0 while locked). */
guint     kiosk_pin_lock_tries_left       (KioskPinLock *lock,
                                           gint64        now);

/* A wrong PIN at @now. Refused (FALSE, nothing counted) while locked;
 * otherwise counted, and on the fifth the lock-out begins (see
 * @remaining, set to its length, or 0 when entry stays open). */
gboolean  kiosk_pin_lock_record_failure   (KioskPinLock *lock,
                                           gint64        now,
                                           gint64       *remaining);

/* A right PIN: everything starts over. */
void      kiosk_pin_lock_record_success   (KioskPinLock *lock);

/* "v1:<failures>:<level>:<locked_at>:<locked_until>" */
char     *kiosk_pin_lock_serialise        (const KioskPinLock *lock);
/* FALSE (and @lock untouched) for anything kiosk_pin_lock_serialise()
 * could not have written. */
gboolean  kiosk_pin_lock_parse            (const char   *text,
                                           KioskPinLock *lock);

G_END_DECLS

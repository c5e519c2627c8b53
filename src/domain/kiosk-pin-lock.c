/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-pin-lock"

#include <string.h>

#include "kiosk-pin-lock.h"

/* Far beyond any real count; keeps the parsed numbers sane. */
#define MAX_LEVEL 1000

void
kiosk_pin_lock_init (KioskPinLock *lock)
{
  g_return_if_fail (lock != NULL);

  memset (lock, 0, sizeof *lock);
}

gint64
kiosk_pin_lock_duration (guint level)
{
  gint64 duration = KIOSK_PIN_LOCK_FIRST_US;

  for (guint i = 1; i < level && duration < KIOSK_PIN_LOCK_LONGEST_US; i++)
    duration *= 2;
  return MIN (duration, KIOSK_PIN_LOCK_LONGEST_US);
}

gint64
kiosk_pin_lock_remaining (KioskPinLock *lock,
                          gint64        now)
{
  g_return_val_if_fail (lock != NULL, 0);

  if (lock->locked_until == 0)
    return 0;

  if (now < lock->locked_at)
    {
      /* Setting the clock back must not open the lock. */
      lock->locked_at = now;
      lock->locked_until = now + kiosk_pin_lock_duration (MAX (lock->level, 1));
    }

  if (now >= lock->locked_until)
    {
      lock->locked_at = 0;
      lock->locked_until = 0;
      lock->failures = 0;
      return 0;
    }
  return lock->locked_until - now;
}

guint
kiosk_pin_lock_tries_left (KioskPinLock *lock,
                           gint64        now)
{
  g_return_val_if_fail (lock != NULL, 0);

  if (kiosk_pin_lock_remaining (lock, now) > 0)
    return 0;
  return KIOSK_PIN_LOCK_MAX_FAILURES - MIN (lock->failures, KIOSK_PIN_LOCK_MAX_FAILURES);
}

gboolean
kiosk_pin_lock_record_failure (KioskPinLock *lock,
                               gint64        now,
                               gint64       *remaining)
{
  g_return_val_if_fail (lock != NULL, FALSE);

  if (remaining != NULL)
    *remaining = 0;
  if (kiosk_pin_lock_remaining (lock, now) > 0)
    return FALSE;

  lock->failures++;
  if (lock->failures >= KIOSK_PIN_LOCK_MAX_FAILURES)
    {
      lock->failures = 0;
      if (lock->level < MAX_LEVEL)
        lock->level++;
      lock->locked_at = now;
      lock->locked_until = now + kiosk_pin_lock_duration (lock->level);
      if (remaining != NULL)
        *remaining = lock->locked_until - now;
    }
  return TRUE;
}

void
kiosk_pin_lock_record_success (KioskPinLock *lock)
{
  kiosk_pin_lock_init (lock);
}

char *
kiosk_pin_lock_serialise (const KioskPinLock *lock)
{
  g_return_val_if_fail (lock != NULL, NULL);

  return g_strdup_printf ("v1:%u:%u:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                          lock->failures, lock->level, lock->locked_at, lock->locked_until);
}

static gboolean
parse_number (const char *text,
              guint64     max,
              guint64    *out)
{
  /* g_ascii_string_to_unsigned() takes a leading '+' or spaces; the
   * serialised form never has them. */
  if (text[0] == '\0' || !g_ascii_isdigit (text[0]))
    return FALSE;
  return g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL);
}

gboolean
kiosk_pin_lock_parse (const char   *text,
                      KioskPinLock *lock)
{
  g_auto(GStrv) parts = NULL;
  guint64 failures, level, locked_at, locked_until;

  g_return_val_if_fail (lock != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, ":", 0);
  if (g_strv_length (parts) != 5 || strcmp (parts[0], "v1") != 0)
    return FALSE;
  if (!parse_number (parts[1], KIOSK_PIN_LOCK_MAX_FAILURES - 1, &failures) ||
      !parse_number (parts[2], MAX_LEVEL, &level) ||
      !parse_number (parts[3], G_MAXINT64 / 2, &locked_at) ||
      !parse_number (parts[4], G_MAXINT64 / 2, &locked_until))
    return FALSE;
  /* A lock-out has a beginning, an end after it and a level. */
  if ((locked_until == 0) != (locked_at == 0) ||
      (locked_until != 0 && (locked_until <= locked_at || level == 0)))
    return FALSE;

  lock->failures = (guint) failures;
  lock->level = (guint) level;
  lock->locked_at = (gint64) locked_at;
  lock->locked_until = (gint64) locked_until;
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The staff PIN lock-out policy, step by step on a clock the test owns.
 */
#define G_LOG_DOMAIN "test-pin-lock"

#include <glib.h>

#include "kiosk-pin-lock.h"

/* A day in September 2026, µs since the epoch. */
#define T0   G_GINT64_CONSTANT (1790000000000000)
#define SEC  G_GINT64_CONSTANT (1000000)
#define MINUTE  (60 * SEC)

typedef enum {
  WRONG,   /* a wrong PIN is entered */
  RIGHT,   /* a right PIN is entered */
  LOOK,    /* only look at the state */
} Action;

typedef struct {
  gint64      at;          /* from T0 */
  Action      action;
  gboolean    counted;     /* WRONG: was it counted (not refused)? */
  gint64      remaining;   /* afterwards, µs of lock-out left */
  guint       tries_left;  /* afterwards */
} Step;

static void
run_steps (const char *name,
           const Step *steps,
           gsize       n_steps)
{
  KioskPinLock lock;

  kiosk_pin_lock_init (&lock);
  for (gsize i = 0; i < n_steps; i++)
    {
      const Step *step = &steps[i];
      gint64 now = T0 + step->at;

      g_test_message ("%s, step %" G_GSIZE_FORMAT " at +%" G_GINT64_FORMAT " s", name, i, step->at / SEC);
      switch (step->action)
        {
        case WRONG:
          {
            gint64 began = -1;
            gboolean counted = kiosk_pin_lock_record_failure (&lock, now, &began);

            g_assert_cmpint (counted, ==, step->counted);
            /* It says the length of a lock-out that begins now, else 0. */
            if (counted && step->remaining > 0)
              g_assert_cmpint (began, ==, step->remaining);
            else
              g_assert_cmpint (began, ==, 0);
          }
          break;
        case RIGHT:
          kiosk_pin_lock_record_success (&lock);
          break;
        case LOOK:
        default:
          break;
        }
      g_assert_cmpint (kiosk_pin_lock_remaining (&lock, now), ==, step->remaining);
      g_assert_cmpuint (kiosk_pin_lock_tries_left (&lock, now), ==, step->tries_left);

      /* Whatever the state, it comes back the same from its text. */
      {
        g_autofree char *text = kiosk_pin_lock_serialise (&lock);
        KioskPinLock copy;

        kiosk_pin_lock_init (&copy);
        g_assert_true (kiosk_pin_lock_parse (text, &copy));
        g_assert_cmpuint (copy.failures, ==, lock.failures);
        g_assert_cmpuint (copy.level, ==, lock.level);
        g_assert_cmpint (copy.locked_at, ==, lock.locked_at);
        g_assert_cmpint (copy.locked_until, ==, lock.locked_until);
      }
    }
}

/* Five wrong → 5 min; five more → 10 min; five more → 20 min; tries
 * during a lock-out are refused and not counted. */
static void
test_doubling (void)
{
  static const Step steps[] = {
    { 0,                     LOOK,  FALSE, 0,            5 },
    { 1 * SEC,               WRONG, TRUE,  0,            4 },
    { 2 * SEC,               WRONG, TRUE,  0,            3 },
    { 3 * SEC,               WRONG, TRUE,  0,            2 },
    { 4 * SEC,               WRONG, TRUE,  0,            1 },
    { 5 * SEC,               WRONG, TRUE,  5 * MINUTE,      0 },
    /* Refused, not counted, and the lock-out does not grow. */
    { 6 * SEC,               WRONG, FALSE, 5 * MINUTE - 1 * SEC, 0 },
    { 5 * SEC + 5 * MINUTE - 1, WRONG, FALSE, 1,            0 },
    /* Open again at the very µs, with a fresh count. */
    { 5 * SEC + 5 * MINUTE,     LOOK,  FALSE, 0,            5 },
    { 10 * MINUTE,              WRONG, TRUE,  0,            4 },
    { 10 * MINUTE + 1 * SEC,    WRONG, TRUE,  0,            3 },
    { 10 * MINUTE + 2 * SEC,    WRONG, TRUE,  0,            2 },
    { 10 * MINUTE + 3 * SEC,    WRONG, TRUE,  0,            1 },
    { 10 * MINUTE + 4 * SEC,    WRONG, TRUE,  10 * MINUTE,     0 },
    { 19 * MINUTE,              WRONG, FALSE, 1 * MINUTE + 4 * SEC, 0 },
    { 20 * MINUTE + 4 * SEC,    LOOK,  FALSE, 0,            5 },
    { 30 * MINUTE,              WRONG, TRUE,  0,            4 },
    { 30 * MINUTE,              WRONG, TRUE,  0,            3 },
    { 30 * MINUTE,              WRONG, TRUE,  0,            2 },
    { 30 * MINUTE,              WRONG, TRUE,  0,            1 },
    { 30 * MINUTE,              WRONG, TRUE,  20 * MINUTE,     0 },
    { 50 * MINUTE,              WRONG, TRUE,  0,            4 },
    { 50 * MINUTE,              WRONG, TRUE,  0,            3 },
    { 50 * MINUTE,              WRONG, TRUE,  0,            2 },
    { 50 * MINUTE,              WRONG, TRUE,  0,            1 },
    { 50 * MINUTE,              WRONG, TRUE,  40 * MINUTE,     0 },
  };

  run_steps ("doubling", steps, G_N_ELEMENTS (steps));
}

/* A right PIN starts everything over: the next lock-out is 5 min again. */
static void
test_success_resets (void)
{
  static const Step steps[] = {
    { 0,            WRONG, TRUE,  0,        4 },
    { 1 * SEC,      WRONG, TRUE,  0,        3 },
    { 2 * SEC,      RIGHT, FALSE, 0,        5 },
    { 3 * SEC,      WRONG, TRUE,  0,        4 },
    { 3 * SEC,      WRONG, TRUE,  0,        3 },
    { 3 * SEC,      WRONG, TRUE,  0,        2 },
    { 3 * SEC,      WRONG, TRUE,  0,        1 },
    { 3 * SEC,      WRONG, TRUE,  5 * MINUTE,  0 },
    { 6 * MINUTE,      WRONG, TRUE,  0,        4 },
    { 6 * MINUTE,      WRONG, TRUE,  0,        3 },
    { 6 * MINUTE,      WRONG, TRUE,  0,        2 },
    { 6 * MINUTE,      WRONG, TRUE,  0,        1 },
    { 6 * MINUTE,      WRONG, TRUE,  10 * MINUTE, 0 },
    { 17 * MINUTE,     RIGHT, FALSE, 0,        5 },
    { 18 * MINUTE,     WRONG, TRUE,  0,        4 },
    { 18 * MINUTE,     WRONG, TRUE,  0,        3 },
    { 18 * MINUTE,     WRONG, TRUE,  0,        2 },
    { 18 * MINUTE,     WRONG, TRUE,  0,        1 },
    { 18 * MINUTE,     WRONG, TRUE,  5 * MINUTE,  0 },
  };

  run_steps ("success-resets", steps, G_N_ELEMENTS (steps));
}

/* Setting the clock back does not open the lock: it starts again. */
static void
test_clock_set_back (void)
{
  static const Step steps[] = {
    { 10 * MINUTE,     WRONG, TRUE,  0,        4 },
    { 10 * MINUTE,     WRONG, TRUE,  0,        3 },
    { 10 * MINUTE,     WRONG, TRUE,  0,        2 },
    { 10 * MINUTE,     WRONG, TRUE,  0,        1 },
    { 10 * MINUTE,     WRONG, TRUE,  5 * MINUTE,  0 },
    { 0,            WRONG, FALSE, 5 * MINUTE,  0 },
    { 4 * MINUTE,      LOOK,  FALSE, 1 * MINUTE,  0 },
    { 5 * MINUTE,      LOOK,  FALSE, 0,        5 },
  };

  run_steps ("clock-set-back", steps, G_N_ELEMENTS (steps));
}

static void
test_durations (void)
{
  g_assert_cmpint (kiosk_pin_lock_duration (1), ==, 5 * MINUTE);
  g_assert_cmpint (kiosk_pin_lock_duration (2), ==, 10 * MINUTE);
  g_assert_cmpint (kiosk_pin_lock_duration (3), ==, 20 * MINUTE);
  g_assert_cmpint (kiosk_pin_lock_duration (4), ==, 40 * MINUTE);
  g_assert_cmpint (kiosk_pin_lock_duration (9), ==, 1280 * MINUTE);
  /* Doubling goes on past a day … */
  g_assert_cmpint (kiosk_pin_lock_duration (10), ==, 2560 * MINUTE);
  g_assert_cmpint (kiosk_pin_lock_duration (11), ==, 5120 * MINUTE);
  /* … and stops only where the arithmetic would run away. */
  g_assert_cmpint (kiosk_pin_lock_duration (1000), ==, KIOSK_PIN_LOCK_LONGEST_US);
  g_assert_cmpint (kiosk_pin_lock_duration (G_MAXUINT), ==, KIOSK_PIN_LOCK_LONGEST_US);
}

static void
test_serialise (void)
{
  KioskPinLock lock;
  g_autofree char *fresh = NULL;
  g_autofree char *locked = NULL;

  kiosk_pin_lock_init (&lock);
  fresh = kiosk_pin_lock_serialise (&lock);
  g_assert_cmpstr (fresh, ==, "v1:0:0:0:0");

  for (guint i = 0; i < 5; i++)
    kiosk_pin_lock_record_failure (&lock, T0, NULL);
  kiosk_pin_lock_record_failure (&lock, T0 + 1, NULL);
  locked = kiosk_pin_lock_serialise (&lock);
  g_assert_cmpstr (locked, ==, "v1:0:1:1790000000000000:1790000300000000");
}

static void
test_parse_refuses (void)
{
  static const char * const bad[] = {
    "",
    "v1",
    "v2:0:0:0:0",
    "v1:0:0:0",
    "v1:0:0:0:0:0",
    "v1:5:0:0:0",           /* five failures would have locked */
    "v1:-1:0:0:0",
    "v1:+1:0:0:0",
    "v1: 1:0:0:0",
    "v1:1x:0:0:0",
    "v1:0:1001:0:0",
    "v1:0:1:0:1790000300000000",                  /* an end without a beginning */
    "v1:0:1:1790000000000000:0",                  /* a beginning without an end */
    "v1:0:1:1790000300000000:1790000000000000",   /* ends before it begins */
    "v1:0:0:1790000000000000:1790000300000000",   /* a lock-out of level 0 */
    "v1:0:1:0:99999999999999999999",
    "pbkdf2-sha256$150000$AAECAwQFBgcICQoLDA0ODw==$wtJTjguMa3tlH45CbCVFVrUS6fB0TgqOlCKUb6FTuEU=",
  };
  KioskPinLock lock = { 3, 2, 11, 22 };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      g_assert_false (kiosk_pin_lock_parse (bad[i], &lock));
      /* Untouched */
      g_assert_cmpuint (lock.failures, ==, 3);
      g_assert_cmpuint (lock.level, ==, 2);
      g_assert_cmpint (lock.locked_at, ==, 11);
      g_assert_cmpint (lock.locked_until, ==, 22);
    }
  g_assert_false (kiosk_pin_lock_parse (NULL, &lock));
  g_assert_true (kiosk_pin_lock_parse ("v1:4:7:0:0", &lock));
  g_assert_cmpuint (lock.failures, ==, 4);
  g_assert_cmpuint (lock.level, ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pin-lock/doubling", test_doubling);
  g_test_add_func ("/pin-lock/success-resets", test_success_resets);
  g_test_add_func ("/pin-lock/clock-set-back", test_clock_set_back);
  g_test_add_func ("/pin-lock/durations", test_durations);
  g_test_add_func ("/pin-lock/serialise", test_serialise);
  g_test_add_func ("/pin-lock/parse-refuses", test_parse_refuses);

  return g_test_run ();
}

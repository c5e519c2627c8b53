/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The front desk's wait estimate for walk-ins.
 *
 * A deterministic, greedy simulation of the rest of today from the records
 * the replica holds: who is active and does what, how long each service
 * takes, today's working hours, today's appointments and the walk-in queue.
 * It is cheap (O(walk-ins × employees × blocks)), so callers recompute it on
 * every change instead of keeping it up to date.
 *
 * The rules:
 *  - an employee is "on shift" when is_active and the salon is open; nothing
 *    starts before opening, and a waiting walk-in is only placed where its
 *    whole service ends by closing;
 *  - a pending or confirmed appointment blocks its employee from its start
 *    to its end (one already running blocks until its end); completed,
 *    cancelled and no-show ones block nothing; one with no employee blocks
 *    the first able employee (input order) who is free for its whole time;
 *  - walk-ins in service block their employee for the service duration from
 *    called_at (else arrived_at), at least until now; called walk-ins are
 *    about to start and come before everyone waiting;
 *  - then each waiting walk-in, in queue order, takes the able employee
 *    (only their preferred one, when set and able) who can start the
 *    service soonest; a service fits into a gap only if it ends before that
 *    employee's next block, otherwise it waits until after it;
 *  - "anyone" therefore goes to whoever frees up first; ties go to the
 *    employee listed first.
 *
 * The range: min_wait is the start when every service takes exactly its
 * catalogue duration. max_wait replays the same plan (same employees, same
 * people served today) with every walk-in service in it (in service, called
 * or waiting ahead) overrunning by a quarter of its duration, at least
 * KIOSK_WAIT_MIN_SLACK; appointments keep their booked times. min_wait is
 * rounded down and max_wait up to whole minutes; 0 ≤ min_wait ≤ max_wait.
 * Nobody leaving the queue or finishing early is assumed, so min_wait is
 * what the desk can promise at best, not a guarantee.
 *
 * What a person is told is wider (kiosk_wait_estimate_get_range()): a plan
 * hours long is not right to the minute, so the range grows with the time
 * it covers.
 */
#pragma once

#include <glib.h>

#include "kiosk-records.h"

G_BEGIN_DECLS

/* How much earlier and later than min_wait the range told to people
 * reaches at least, in percent of min_wait. */
#define KIOSK_WAIT_SPREAD_EARLIER 15
#define KIOSK_WAIT_SPREAD_LATER   20

/* The least overrun allowed for each walk-in service in max_wait. */
#define KIOSK_WAIT_MIN_SLACK (5 * 60)

/* Assumed for a service whose duration is missing or not positive. */
#define KIOSK_WAIT_FALLBACK_DURATION (30 * 60)

typedef enum {
  KIOSK_WAIT_OK,
  KIOSK_WAIT_NOBODY_CAN,       /* no active employee does the service */
  KIOSK_WAIT_AFTER_CLOSING,    /* it cannot end by closing (or the salon is closed today) */
} KioskWaitStatus;

typedef struct {
  /* Today, "YYYY-MM-DD": appointments of other days are ignored and the
   * instants of walk-ins are placed relative to it. NULL: trust the caller
   * and read only the time of day of instants. */
  const char              *date;
  /* The salon's time zone, for the instants of walk-ins (called_at,
   * arrived_at). NULL: the offset written in each instant. */
  GTimeZone               *time_zone;
  /* Now, in seconds since the salon's midnight. */
  int                      now;
  /* Today's hours. NULL: unknown, the day is treated as open all day. */
  const KioskWorkingHours *hours;
  GPtrArray               *employees;     /* KioskEmployee *, listing order breaks ties */
  GPtrArray               *services;      /* KioskService * */
  GPtrArray               *appointments;  /* KioskAppointment *, today's; may be NULL */
  GPtrArray               *walkins;       /* KioskWalkin *, in arrival order; may be NULL */
} KioskWaitInput;

typedef struct {
  char            *walkin_id;          /* NULL for a would-be newcomer */
  char            *service;            /* the service id estimated for */
  guint            position;           /* 1 = next among those waiting */
  KioskWaitStatus  status;
  /* Seconds from now until the service likely starts. Meaningful for
   * KIOSK_WAIT_OK; for KIOSK_WAIT_AFTER_CLOSING the start it would have if
   * the salon stayed open; 0 for KIOSK_WAIT_NOBODY_CAN. */
  int              min_wait;
  int              max_wait;
  /* The employee it will likely be (id), NULL for KIOSK_WAIT_NOBODY_CAN. */
  char            *employee;
  /* The preferred employee is not active or does not do the service, so
   * the estimate is for anyone who does. */
  gboolean         preference_dropped;
  /* KIOSK_WAIT_OK, but if the services ahead overrun it may not end by
   * closing. */
  gboolean         closing_at_risk;
  /* Seconds from now until the salon opens today; 0 once it is open (or
   * when its hours are unknown). Nothing starts before. */
  int              opens_in;
} KioskWaitEstimate;

void               kiosk_wait_estimate_free        (KioskWaitEstimate    *self);

/* One estimate per waiting walk-in, in queue order (KioskWaitEstimate *,
 * freed with the array). Walk-ins of other statuses get none. */
GPtrArray         *kiosk_wait_estimate_queue       (const KioskWaitInput *input);

/* The estimate for someone who joins the queue now for @service, with
 * @preferred_employee (NULL: anyone). The queue itself is unchanged. */
KioskWaitEstimate *kiosk_wait_estimate_newcomer    (const KioskWaitInput *input,
                                                    const char           *service,
                                                    const char           *preferred_employee);

/* The wait to tell a person, in seconds from now: from min_wait less
 * KIOSK_WAIT_SPREAD_EARLIER % (services end early and people leave, but
 * nothing starts before opens_in) to max_wait, and at least min_wait plus
 * KIOSK_WAIT_SPREAD_LATER %. Rounded outwards to whole minutes, and to
 * whole 5 minutes beyond an hour. 0 and 0 for KIOSK_WAIT_NOBODY_CAN. */
void               kiosk_wait_estimate_get_range   (const KioskWaitEstimate *self,
                                                    int                     *low,
                                                    int                     *high);

/* An instant as the API writes it ("2026-09-14T10:05:00+03:00"), in seconds
 * since the salon's midnight of @date (negative for an earlier day, beyond
 * 86400 for a later one). @date and @time_zone as in KioskWaitInput.
 * FALSE (and *seconds untouched) when @instant cannot be read. */
gboolean           kiosk_wait_instant_to_seconds   (const char           *instant,
                                                    const char           *date,
                                                    GTimeZone            *time_zone,
                                                    int                  *seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskWaitEstimate, kiosk_wait_estimate_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The slot finder of the staff calendar: given a service and a day, the
 * times someone able to do it is free. Pure rules over the records of
 * kiosk-records.h, so it can be tested as a table and reused after a
 * 409 slot_taken to offer the next free time.
 *
 * Rules:
 *  - hours: the working_hours row of that weekday (0 = Monday … 6 = Sunday),
 *    or, for a weekday with no row, the salon's opening and closing time;
 *    is_closed, or closing not after opening, is a closed day;
 *  - a slot starts on the clock's grid (multiples of the granularity since
 *    midnight, 15 minutes by default) at or after opening, and the service
 *    must END by closing time;
 *  - only active employees who do the service, and only active services;
 *  - pending, confirmed and completed appointments block their employee
 *    (the kiosk's own pending bookings are appointments too); cancelled and
 *    no_show ones do not; an appointment without an employee ("anyone")
 *    takes the first able employee who is free then, in list order;
 *  - "now" is turned into the salon's time zone, so the terminal's own zone
 *    never matters; slots starting before now are not offered.
 */
#pragma once

#include <glib.h>

#include "kiosk-records.h"

G_BEGIN_DECLS

#define KIOSK_SLOTS_DEFAULT_GRANULARITY (15 * 60)  /* seconds */

#define KIOSK_SLOTS_ERROR (kiosk_slots_error_quark ())

typedef enum {
  KIOSK_SLOTS_ERROR_INVALID,   /* a malformed date, granularity or service */
} KioskSlotsError;

/* Why a day has no free slot, so the UI can say so. Checked in this order. */
typedef enum {
  KIOSK_SLOTS_AVAILABLE,              /* there is at least one free slot */
  KIOSK_SLOTS_SERVICE_UNAVAILABLE,    /* unknown or inactive service */
  KIOSK_SLOTS_NO_STAFF_FOR_SERVICE,   /* no active employee (or not the chosen one) does it */
  KIOSK_SLOTS_CLOSED,                 /* the salon is closed that day */
  KIOSK_SLOTS_TOO_LONG,               /* the service is longer than the whole opening hours */
  KIOSK_SLOTS_PAST,                   /* what would fit lies before now */
  KIOSK_SLOTS_FULL,                   /* appointments take every time that would fit */
} KioskSlotsReason;

typedef struct {
  char *date;       /* "YYYY-MM-DD", salon wall-clock */
  int   start;      /* seconds since the salon's midnight */
  int   end;        /* start + the service's duration */
  char *employee;   /* employee id */
} KioskSlot;

/* What the finder reads. Nothing here is copied or freed. */
typedef struct {
  const KioskSalon *salon;          /* default hours; NULL: only working_hours rows open a day */
  GPtrArray        *working_hours;  /* KioskWorkingHours *, or NULL */
  GPtrArray        *services;       /* KioskService * */
  GPtrArray        *employees;      /* KioskEmployee *, in the order "anyone" picks them */
  GPtrArray        *appointments;   /* KioskAppointment * of any dates (others are ignored), or NULL */
  GTimeZone        *time_zone;      /* the salon's; NULL: Europe/Istanbul */
  int               granularity;    /* seconds, 0: KIOSK_SLOTS_DEFAULT_GRANULARITY */
  const char       *ignore_appointment; /* id of a booking being moved, or NULL */
} KioskSlotData;

GQuark      kiosk_slots_error_quark      (void);

void        kiosk_slot_free              (KioskSlot *slot);
KioskSlot  *kiosk_slot_copy              (const KioskSlot *slot);

/* The free slots of @service_id on @date, sorted by start, then by the
 * order of data->employees. @employee_id: only that employee, or NULL for
 * anyone able. @now: slots starting before it are not offered (NULL: no
 * such limit). Returns a (possibly empty) array of KioskSlot * and sets
 * @reason; NULL and @error only for malformed input. */
GPtrArray  *kiosk_slots_find             (const KioskSlotData  *data,
                                          const char           *service_id,
                                          const char           *date,
                                          const char           *employee_id,
                                          GDateTime            *now,
                                          KioskSlotsReason     *reason,
                                          GError              **error);

/* The first free slot starting at or after @from_time on @date, else the
 * first free slot on the following days, looking at most @max_days days
 * past @date (closed days are skipped). NULL when there is none, with
 * @reason saying why (FULL if any day looked at was open but taken) and
 * @error unset, or NULL and @error for malformed input. */
KioskSlot  *kiosk_slots_next_free        (const KioskSlotData  *data,
                                          const char           *service_id,
                                          const char           *date,
                                          int                   from_time,
                                          const char           *employee_id,
                                          GDateTime            *now,
                                          guint                 max_days,
                                          KioskSlotsReason     *reason,
                                          GError              **error);

/* A sentence for the person at the kiosk, translated. */
const char *kiosk_slots_reason_describe  (KioskSlotsReason reason);

/* The salon's opening hours seen from one moment, for the welcome page and
 * the walk-in queue: the same hours (working_hours, else the salon's) as
 * the slots'. */
typedef struct {
  gboolean open;          /* open at that moment: opening ≤ now < closing */
  /* The day the rest is about: today when open, else the day it opens
   * next, 0 = later today, 1 = tomorrow … 7 = the same weekday next week;
   * -1 when no day of the coming week is open (no hours known at all). */
  int      days_ahead;
  int      day_of_week;   /* of that day, 0 = Monday … 6 = Sunday */
  int      opens_at;      /* that day's opening and closing time, */
  int      closes_at;     /* in seconds since midnight */
  /* Seconds until it closes (when open) or opens (when not): when what
   * the kiosk says about it changes. 0 when nothing is known. */
  int      changes_in;
} KioskOpening;

/* Whether the salon is open at @now (read in data->time_zone) and, when it
 * is not, when it opens next. Reads data->salon, data->working_hours and
 * data->time_zone only. */
void        kiosk_slots_opening          (const KioskSlotData  *data,
                                          GDateTime            *now,
                                          KioskOpening         *opening);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskSlot, kiosk_slot_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-wait"

#include "config.h"

#include <string.h>

#include "kiosk-time.h"
#include "kiosk-wait.h"

#define DAY (24 * 3600)

/* A stretch of an employee's day that is taken, [start, end). */
typedef struct {
  int start;
  int end;
} Block;

/* What one run of the simulation says about one waiting person. */
typedef struct {
  KioskWaitStatus status;
  int             employee;   /* index into input->employees, -1 for none */
  int             start;      /* seconds since midnight */
  int             duration;
  gboolean        dropped;
} Placement;

typedef struct {
  const KioskWaitInput *input;
  gboolean              overrun;  /* the pessimistic run */
  int                   close;
  int                   t0;       /* the earliest anything can start */
  guint                 n_employees;
  GArray              **blocks;   /* per employee, sorted by start; NULL: not on shift */
} Sim;

void
kiosk_wait_estimate_free (KioskWaitEstimate *self)
{
  if (self == NULL)
    return;
  g_free (self->walkin_id);
  g_free (self->service);
  g_free (self->employee);
  g_free (self);
}

gboolean
kiosk_wait_instant_to_seconds (const char *instant,
                               const char *date,
                               GTimeZone  *time_zone,
                               int        *seconds)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;
  int result;

  g_return_val_if_fail (seconds != NULL, FALSE);

  if (instant == NULL || *instant == '\0')
    return FALSE;
  /* Without an offset, the instant is read as the salon's wall clock. */
  parsed = g_date_time_new_from_iso8601 (instant, time_zone != NULL ? time_zone : utc);
  if (parsed == NULL)
    return FALSE;
  local = time_zone != NULL ? g_date_time_to_timezone (parsed, time_zone) : g_date_time_ref (parsed);
  if (local == NULL)
    return FALSE;

  result = kiosk_time_of_day (local);

  if (date != NULL)
    {
      GDate today;
      GDate day;
      int days;

      if (!kiosk_date_parse (date, &today))
        return FALSE;
      g_date_clear (&day, 1);
      g_date_set_dmy (&day,
                      (GDateDay) g_date_time_get_day_of_month (local),
                      (GDateMonth) g_date_time_get_month (local),
                      (GDateYear) g_date_time_get_year (local));
      /* A week either way is "long ago" or "far ahead" for a queue; the
       * clamp keeps the sum well inside an int. */
      days = CLAMP (g_date_days_between (&today, &day), -7, 7);
      result += days * DAY;
    }

  *seconds = result;
  return TRUE;
}

static int
service_duration (const KioskWaitInput *input,
                  const char           *service)
{
  if (service != NULL && input->services != NULL)
    for (guint i = 0; i < input->services->len; i++)
      {
        const KioskService *s = g_ptr_array_index (input->services, i);

        if (s != NULL && g_strcmp0 (s->id, service) == 0 && s->duration > 0)
          return MIN (s->duration, 24 * 60) * 60;
      }
  return KIOSK_WAIT_FALLBACK_DURATION;
}

/* How much a walk-in service of @duration may overrun in the pessimistic run. */
static int
slack_for (int duration)
{
  return MAX (KIOSK_WAIT_MIN_SLACK, (duration + 3) / 4);
}

static int
employee_index (const Sim  *sim,
                const char *id)
{
  if (id == NULL)
    return -1;
  for (guint i = 0; i < sim->n_employees; i++)
    {
      const KioskEmployee *e = g_ptr_array_index (sim->input->employees, i);

      if (e != NULL && g_strcmp0 (e->id, id) == 0)
        return (int) i;
    }
  return -1;
}

/* On shift and does @service. */
static gboolean
is_able (const Sim  *sim,
         int         index,
         const char *service)
{
  const KioskEmployee *e;

  if (index < 0 || sim->blocks[index] == NULL || service == NULL)
    return FALSE;
  e = g_ptr_array_index (sim->input->employees, index);
  return e->services != NULL && g_strv_contains ((const char * const *) e->services, service);
}

static void
add_block (Sim *sim,
           int  index,
           int  start,
           int  end)
{
  GArray *blocks = sim->blocks[index];
  Block block = { start, end };
  guint at = blocks->len;

  if (end <= start)
    return;
  while (at > 0 && g_array_index (blocks, Block, at - 1).start > start)
    at--;
  g_array_insert_val (blocks, at, block);
}

/* The earliest start ≥ @from at which @duration fits between the blocks. */
static int
earliest_fit (const Sim *sim,
              int        index,
              int        from,
              int        duration)
{
  GArray *blocks = sim->blocks[index];
  int t = from;

  for (guint i = 0; i < blocks->len; i++)
    {
      const Block *b = &g_array_index (blocks, Block, i);

      if (b->end <= t)
        continue;
      if (b->start >= t + duration)
        break;
      t = b->end;
    }
  return t;
}

static gboolean
overlaps (const Sim *sim,
          int        index,
          int        start,
          int        end)
{
  GArray *blocks = sim->blocks[index];

  for (guint i = 0; i < blocks->len; i++)
    {
      const Block *b = &g_array_index (blocks, Block, i);

      if (b->start < end && start < b->end)
        return TRUE;
    }
  return FALSE;
}

/* Among the employees that can do @service (only @preferred if it can),
 * the one who can start it soonest. -1 when nobody can. */
static int
choose (const Sim  *sim,
        const char *service,
        const char *preferred,
        int         duration,
        int        *start,
        gboolean   *dropped)
{
  int pref = employee_index (sim, preferred);
  int best = -1;
  int best_start = G_MAXINT;

  *dropped = FALSE;
  if (preferred != NULL)
    {
      if (is_able (sim, pref, service))
        {
          *start = earliest_fit (sim, pref, sim->t0, duration);
          return pref;
        }
      *dropped = TRUE;
    }

  for (guint i = 0; i < sim->n_employees; i++)
    {
      int s;

      if (!is_able (sim, (int) i, service))
        continue;
      s = earliest_fit (sim, (int) i, sim->t0, duration);
      if (s < best_start)
        {
          best = (int) i;
          best_start = s;
        }
    }
  *start = best_start;
  return best;
}

static gboolean
appointment_occupies (const KioskWaitInput   *input,
                      const KioskAppointment *a,
                      int                    *start,
                      int                    *end)
{
  if (a == NULL)
    return FALSE;
  if (a->status != KIOSK_APPOINTMENT_PENDING && a->status != KIOSK_APPOINTMENT_CONFIRMED)
    return FALSE;
  if (input->date != NULL && a->appointment_date != NULL && strcmp (input->date, a->appointment_date) != 0)
    return FALSE;
  *start = a->appointment_time;
  *end = a->end_time > a->appointment_time ? a->end_time
                                           : a->appointment_time + service_duration (input, a->service);
  /* Over already: it takes nothing from what is left of the day. */
  return *end > input->now;
}

static int
compare_appointments (gconstpointer a,
                      gconstpointer b)
{
  const KioskAppointment *x = *(const KioskAppointment * const *) a;
  const KioskAppointment *y = *(const KioskAppointment * const *) b;

  if (x->appointment_time != y->appointment_time)
    return x->appointment_time < y->appointment_time ? -1 : 1;
  return g_strcmp0 (x->id, y->id);
}

static void
block_appointments (Sim *sim)
{
  const KioskWaitInput *input = sim->input;
  g_autoptr(GPtrArray) anyone = g_ptr_array_new ();

  if (input->appointments == NULL)
    return;

  for (guint i = 0; i < input->appointments->len; i++)
    {
      KioskAppointment *a = g_ptr_array_index (input->appointments, i);
      int start, end, e;

      if (!appointment_occupies (input, a, &start, &end))
        continue;
      if (a->employee == NULL)
        {
          g_ptr_array_add (anyone, a);
          continue;
        }
      e = employee_index (sim, a->employee);
      if (e >= 0 && sim->blocks[e] != NULL)
        add_block (sim, e, start, end);
    }

  /* Booked with "anyone": it will take someone able who is free then. */
  g_ptr_array_sort (anyone, compare_appointments);
  for (guint i = 0; i < anyone->len; i++)
    {
      const KioskAppointment *a = g_ptr_array_index (anyone, i);
      int start, end;

      appointment_occupies (input, a, &start, &end);
      for (guint e = 0; e < sim->n_employees; e++)
        if (is_able (sim, (int) e, a->service) && !overlaps (sim, (int) e, start, end))
          {
            add_block (sim, (int) e, start, end);
            break;
          }
    }
}

/* The employee a walk-in already at a chair is with: the one written on it,
 * else the preferred one, else whoever able is free soonest. */
static int
walkin_employee (const Sim         *sim,
                 const KioskWalkin *w,
                 int                duration,
                 int               *start)
{
  gboolean dropped;
  int e = employee_index (sim, w->employee);

  if (e < 0 || sim->blocks[e] == NULL)
    e = employee_index (sim, w->preferred_employee);
  if (e >= 0 && sim->blocks[e] != NULL)
    {
      *start = earliest_fit (sim, e, sim->t0, duration);
      return e;
    }
  return choose (sim, w->service, NULL, duration, start, &dropped);
}

static void
block_walkins_in_chairs (Sim *sim)
{
  const KioskWaitInput *input = sim->input;

  if (input->walkins == NULL)
    return;

  /* In service: from when they were called (or arrived), at least until now. */
  for (guint i = 0; i < input->walkins->len; i++)
    {
      const KioskWalkin *w = g_ptr_array_index (input->walkins, i);
      int duration, began, end, e, unused;

      if (w == NULL || w->status != KIOSK_WALKIN_IN_SERVICE)
        continue;
      duration = service_duration (input, w->service);
      if (!kiosk_wait_instant_to_seconds (w->called_at, input->date, input->time_zone, &began) &&
          !kiosk_wait_instant_to_seconds (w->arrived_at, input->date, input->time_zone, &began))
        began = input->now;   /* unknown: assume it just began */
      end = MAX (began + duration, input->now);
      if (sim->overrun)
        end += slack_for (duration);
      e = walkin_employee (sim, w, MAX (end - sim->t0, 60), &unused);
      if (e >= 0)
        add_block (sim, e, MIN (began, sim->t0), end);
    }

  /* Called: about to start, ahead of everyone waiting. */
  for (guint i = 0; i < input->walkins->len; i++)
    {
      const KioskWalkin *w = g_ptr_array_index (input->walkins, i);
      int duration, start, e;

      if (w == NULL || w->status != KIOSK_WALKIN_CALLED)
        continue;
      duration = service_duration (input, w->service);
      if (sim->overrun)
        duration += slack_for (duration);
      e = walkin_employee (sim, w, duration, &start);
      if (e >= 0)
        add_block (sim, e, start, start + duration);
    }
}

/* Places one waiting person. In the overrun run, @plan is what the plain
 * run decided for them: the same employee, and served today only if it
 * fitted there, so that max_wait describes the plan shown, overrunning. */
static Placement
place (Sim             *sim,
       const char      *service,
       const char      *preferred,
       const Placement *plan)
{
  Placement p = { KIOSK_WAIT_NOBODY_CAN, -1, sim->t0, 0, FALSE };
  int start;

  p.duration = service_duration (sim->input, service);
  if (plan != NULL)
    {
      p = *plan;
      if (p.employee < 0)
        return p;
      p.start = earliest_fit (sim, p.employee, sim->t0, p.duration);
      if (p.status == KIOSK_WAIT_OK)
        add_block (sim, p.employee, p.start, p.start + p.duration + slack_for (p.duration));
      return p;
    }

  p.employee = choose (sim, service, preferred, p.duration, &start, &p.dropped);
  if (p.employee < 0)
    return p;

  p.start = start;
  if (start + p.duration > sim->close)
    {
      /* Not today: the chair stays free for whoever comes next. */
      p.status = KIOSK_WAIT_AFTER_CLOSING;
      return p;
    }
  p.status = KIOSK_WAIT_OK;
  add_block (sim, p.employee, start, start + p.duration);
  return p;
}

/* One run over the whole queue, then @newcomer_service if not NULL.
 * Returns the placements of the waiting people, in queue order. With @plan
 * (the placements of the plain run), every walk-in service overruns. */
static GArray *
simulate (const KioskWaitInput *input,
          const GArray         *plan,
          const char           *newcomer_service,
          const char           *newcomer_preferred)
{
  GArray *placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  int open = 0;
  Sim sim = { input, plan != NULL, DAY, 0, 0, NULL };

  if (input->hours != NULL)
    {
      open = CLAMP (input->hours->opening_time, 0, DAY);
      sim.close = CLAMP (input->hours->closing_time, 0, DAY);
      if (input->hours->is_closed || sim.close <= open)
        open = sim.close = 0;
    }
  sim.t0 = MAX (input->now, open);

  sim.n_employees = input->employees != NULL ? input->employees->len : 0;
  sim.blocks = g_new0 (GArray *, MAX (sim.n_employees, 1));
  for (guint i = 0; i < sim.n_employees; i++)
    {
      const KioskEmployee *e = g_ptr_array_index (input->employees, i);

      if (e != NULL && e->is_active)
        sim.blocks[i] = g_array_new (FALSE, FALSE, sizeof (Block));
    }

  block_appointments (&sim);
  block_walkins_in_chairs (&sim);

  if (input->walkins != NULL)
    for (guint i = 0; i < input->walkins->len; i++)
      {
        const KioskWalkin *w = g_ptr_array_index (input->walkins, i);
        Placement p;

        if (w == NULL || w->status != KIOSK_WALKIN_WAITING)
          continue;
        p = place (&sim, w->service, w->preferred_employee,
                   plan != NULL ? &g_array_index (plan, Placement, placements->len) : NULL);
        g_array_append_val (placements, p);
      }

  if (newcomer_service != NULL)
    {
      Placement p = place (&sim, newcomer_service, newcomer_preferred,
                           plan != NULL ? &g_array_index (plan, Placement, placements->len) : NULL);

      g_array_append_val (placements, p);
    }

  for (guint i = 0; i < sim.n_employees; i++)
    if (sim.blocks[i] != NULL)
      g_array_unref (sim.blocks[i]);
  g_free (sim.blocks);

  return placements;
}

static KioskWaitEstimate *
make_estimate (const KioskWaitInput *input,
               const char           *walkin_id,
               const char           *service,
               guint                 position,
               const Placement      *nominal,
               const Placement      *pessimistic)
{
  KioskWaitEstimate *self = g_new0 (KioskWaitEstimate, 1);

  self->walkin_id = g_strdup (walkin_id);
  self->service = g_strdup (service);
  self->position = position;
  self->status = nominal->status;
  self->preference_dropped = nominal->dropped;

  if (nominal->status == KIOSK_WAIT_NOBODY_CAN)
    return self;

  {
    const KioskEmployee *e = g_ptr_array_index (input->employees, nominal->employee);
    int low = MAX (0, nominal->start - input->now);
    int high = MAX (low, pessimistic->start - input->now);
    int close = DAY;

    self->employee = g_strdup (e->id);
    /* Whole minutes, rounded outwards, so the range never claims more
     * precision than it has. */
    self->min_wait = low / 60 * 60;
    self->max_wait = MAX (self->min_wait, (high + 59) / 60 * 60);

    if (input->hours != NULL)
      close = input->hours->closing_time;
    self->closing_at_risk = nominal->status == KIOSK_WAIT_OK &&
                            input->now + high + nominal->duration > close;
    if (input->hours != NULL && !input->hours->is_closed && input->hours->closing_time > input->hours->opening_time)
      self->opens_in = MAX (0, input->hours->opening_time - input->now);
  }
  return self;
}

/* Whole minutes, and whole 5 minutes beyond an hour, rounded down or up. */
static int
round_minutes (int      seconds,
               gboolean up)
{
  int minutes = up ? (seconds + 59) / 60 : seconds / 60;

  if (minutes > 60)
    minutes = up ? (minutes + 4) / 5 * 5 : minutes / 5 * 5;
  return minutes * 60;
}

void
kiosk_wait_estimate_get_range (const KioskWaitEstimate *self,
                               int                     *low,
                               int                     *high)
{
  gint64 min, max, opens, least, most;

  g_return_if_fail (self != NULL);
  g_return_if_fail (low != NULL && high != NULL);

  *low = *high = 0;
  if (self->status == KIOSK_WAIT_NOBODY_CAN)
    return;

  /* In 64 bits, so that no percentage of a large wait overflows. */
  min = MAX (self->min_wait, 0);
  max = MAX (self->max_wait, min);
  opens = CLAMP (self->opens_in, 0, min);
  least = MAX (min - min * KIOSK_WAIT_SPREAD_EARLIER / 100, opens);
  most = MIN (MAX (max, min + min * KIOSK_WAIT_SPREAD_LATER / 100), G_MAXINT / 2);

  *low = round_minutes ((int) least, FALSE);
  *high = MAX (*low, round_minutes ((int) most, TRUE));
}

GPtrArray *
kiosk_wait_estimate_queue (const KioskWaitInput *input)
{
  g_autoptr(GArray) nominal = NULL;
  g_autoptr(GArray) pessimistic = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_wait_estimate_free);
  guint n = 0;

  g_return_val_if_fail (input != NULL, result);

  nominal = simulate (input, NULL, NULL, NULL);
  pessimistic = simulate (input, nominal, NULL, NULL);

  if (input->walkins != NULL)
    for (guint i = 0; i < input->walkins->len; i++)
      {
        const KioskWalkin *w = g_ptr_array_index (input->walkins, i);

        if (w == NULL || w->status != KIOSK_WALKIN_WAITING)
          continue;
        g_ptr_array_add (result,
                         make_estimate (input, w->id, w->service, n + 1,
                                        &g_array_index (nominal, Placement, n),
                                        &g_array_index (pessimistic, Placement, n)));
        n++;
      }
  return result;
}

KioskWaitEstimate *
kiosk_wait_estimate_newcomer (const KioskWaitInput *input,
                              const char           *service,
                              const char           *preferred_employee)
{
  g_autoptr(GArray) nominal = NULL;
  g_autoptr(GArray) pessimistic = NULL;
  guint last;

  g_return_val_if_fail (input != NULL, NULL);

  /* A missing service is one nobody does; "" keeps the newcomer distinct
   * from "no newcomer" in simulate(). */
  nominal = simulate (input, NULL, service != NULL ? service : "", preferred_employee);
  pessimistic = simulate (input, nominal, service != NULL ? service : "", preferred_employee);
  last = nominal->len - 1;

  return make_estimate (input, NULL, service, last + 1,
                        &g_array_index (nominal, Placement, last),
                        &g_array_index (pessimistic, Placement, last));
}

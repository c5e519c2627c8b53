/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Inside the demo salon: what its files share. kiosk-demo.c holds the
 * builder and the calendar, kiosk-demo-random.c the generator (numbers,
 * UUIDs, names, phones), kiosk-demo-salon.c the salon, its staff and
 * services, kiosk-demo-customers.c the customers and their points, and
 * kiosk-demo-appointments.c the appointments and today's walk-ins.
 */
#pragma once

#include "kiosk-demo.h"

G_BEGIN_DECLS

/* Appointments are booked up to this many days ahead of their date, so the
 * calendar starts that much earlier for created_at and point history. */
#define DEMO_LEAD_DAYS           15

/* The notional time of day at which the demo's "today" is frozen. */
#define DEMO_NOW                 (12 * 3600 + 30 * 60)

/* Phones are +90 5xx and 7 digits made unique by a permutation of the
 * customer's index, so at most this many distinct people. */
#define DEMO_PHONE_SPACE         10000000u
#define DEMO_MAX_CUSTOMERS       (DEMO_PHONE_SPACE - 64)

#define HM(h, m)                 ((h) * 3600 + (m) * 60)
#define TRY(lira)                ((gint64)(lira) * 100)

#define UUID_LEN                 36

/* ---- the generator (kiosk-demo-random.c) --------------------------------- */

typedef struct {
  guint64 s[4];
} KioskDemoRng;

/* Each kind of row draws from its own stream. */
enum {
  STREAM_IDS = 1,
  STREAM_CUSTOMERS,
  STREAM_APPOINTMENTS,
  STREAM_WALKINS,
  STREAM_POINTS,
};

void         kiosk_demo_rng_init          (KioskDemoRng  *rng,
                                           guint32        seed,
                                           guint          stream);
guint64      kiosk_demo_rng_next          (KioskDemoRng  *rng);
/* 0 … n-1. */
guint        kiosk_demo_rng_below         (KioskDemoRng  *rng,
                                           guint          n);
gboolean     kiosk_demo_rng_percent       (KioskDemoRng  *rng,
                                           guint          percent);
/* A UUID with the version 4 layout, from the generator. */
void         kiosk_demo_rng_uuid          (KioskDemoRng  *rng,
                                           char           out[UUID_LEN + 1]);

/* A person's name, as indices into the generator's lists of names. */
typedef struct {
  guint8 first;     /* into the female or the male first names */
  guint8 last;
  guint8 male;
} KioskDemoPerson;

/* A man @male_percent times out of 100, a first name, a last name. */
KioskDemoPerson kiosk_demo_person_draw    (KioskDemoRng          *rng,
                                           guint                  male_percent);
const char  *kiosk_demo_person_first_name (const KioskDemoPerson *person);
const char  *kiosk_demo_person_last_name  (const KioskDemoPerson *person);

/* The phone permutation: index * mul + add mod DEMO_PHONE_SPACE. */
typedef struct {
  guint64 mul;
  guint64 add;
} KioskDemoPhones;

void         kiosk_demo_phones_init       (KioskDemoPhones       *phones,
                                           KioskDemoRng          *rng);
/* The phone of the person @index (unique per index), in E.164. */
void         kiosk_demo_phone_make        (const KioskDemoPhones *phones,
                                           KioskDemoRng          *rng,
                                           guint                  index,
                                           char                   out[16]);

/* ---- the salon (kiosk-demo-salon.c) -------------------------------------- */

#define N_CATEGORIES             4
#define N_SERVICES               22
#define N_EMPLOYEES              6

typedef struct {
  guint       category;
  const char *name;
  const char *description;
  gint64      price;      /* kuruş */
  int         duration;   /* minutes, a multiple of 15 */
  guint       weight;     /* how often it is booked */
  gboolean    active;
} KioskDemoService;

extern const KioskDemoService kiosk_demo_services[N_SERVICES];

/* Indices into the salon's staff. */
enum { EMP_AYSE, EMP_MEHMET, EMP_GULSEN, EMP_ZEYNEP, EMP_IREM, EMP_BARIS };

/* The hours of @weekday (0 = Monday) under @options. */
void         kiosk_demo_day_hours         (const KioskDemoOptions *options,
                                           int                     weekday,
                                           int                    *opening,
                                           int                    *closing,
                                           gboolean               *closed);

/* ---- the builder (kiosk-demo.c) ------------------------------------------ */

/* One calendar day of the demo: the ISO date and the salon's UTC offset at
 * noon, computed once a day rather than once a row. */
typedef struct {
  char date[11];
  char offset[7];
  int  weekday;      /* 0 = Monday */
} KioskDemoDay;

typedef struct {
  KioskReplica           *replica;
  const KioskDemoOptions *options;

  KioskDemoRng      ids;
  gint64            version;    /* the server's row versions, as a feed would number them */

  char              salon_id[UUID_LEN + 1];
  char              category_ids[N_CATEGORIES][UUID_LEN + 1];
  char              service_ids[N_SERVICES][UUID_LEN + 1];
  char              employee_ids[N_EMPLOYEES][UUID_LEN + 1];

  /* Per employee, the cumulative booking weights of the services they do. */
  guint             emp_services[N_EMPLOYEES][N_SERVICES];
  guint             emp_cumulative[N_EMPLOYEES][N_SERVICES];
  guint             emp_n_services[N_EMPLOYEES];

  KioskDemoDay     *days;
  guint             n_days;
  guint             today;      /* index of today in days[] */

  guint             n_customers;
  char            (*customer_ids)[UUID_LEN + 1];
  char            (*customer_phones)[16];
  KioskDemoPerson  *customer_names;
  guint            *regulars;   /* customers with total_visits > 0 */
  guint             n_regulars;

  KioskDemoPhones   phones;
} KioskDemoBuilder;

/* The next row id, from the ids stream. */
void         kiosk_demo_next_id           (KioskDemoBuilder      *b,
                                           char                   out[UUID_LEN + 1]);
/* "2026-03-16T09:45:00+03:00": @seconds after midnight of @day. */
void         kiosk_demo_format_instant    (char                  *out,
                                           gsize                  size,
                                           const KioskDemoDay    *day,
                                           int                    seconds);

/* ---- the rows, in this order --------------------------------------------- */

/* kiosk-demo-salon.c: the salon, its hours, categories, services, staff. */
gboolean     kiosk_demo_write_salon        (KioskDemoBuilder  *b,
                                            GError           **error);
/* kiosk-demo-customers.c: the customers and some point histories. */
gboolean     kiosk_demo_write_customers    (KioskDemoBuilder  *b,
                                            GError           **error);
/* kiosk-demo-appointments.c: every day's book, then today's walk-ins. */
gboolean     kiosk_demo_write_appointments (KioskDemoBuilder  *b,
                                            GError           **error);
gboolean     kiosk_demo_write_walkins      (KioskDemoBuilder  *b,
                                            GError           **error);

G_END_DECLS

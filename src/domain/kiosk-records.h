/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Plain records for the entities of the API contract (docs/kiosk-api.md §3.4).
 * They carry data between the replica, the sync engine and the UI; no layer
 * owns them, so they live in domain/ and depend on GLib only.
 *
 * Conventions:
 *  - ids are UUID strings;
 *  - money is a gint64 number of kuruş (1/100 TRY), never a float;
 *  - dates are "YYYY-MM-DD" strings in the salon's wall-clock time;
 *  - times of day are seconds since the salon's midnight (0 … 86399);
 *  - instants (created_at, checked_in_at, …) are ISO 8601 strings with an
 *    offset, as the server sends them, or NULL;
 *  - `version` is the server's row version (0: never seen by the server);
 *  - `pending` is TRUE while a desk change to the row awaits acknowledgement.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The entities of the change feed (docs/kiosk-api.md §3.2), in the order a
 * snapshot can apply them without dangling references. */
typedef enum {
  KIOSK_ENTITY_SALON,
  KIOSK_ENTITY_WORKING_HOURS,
  KIOSK_ENTITY_CATEGORY,
  KIOSK_ENTITY_SERVICE,
  KIOSK_ENTITY_EMPLOYEE,
  KIOSK_ENTITY_CUSTOMER,
  KIOSK_ENTITY_APPOINTMENT,
  KIOSK_ENTITY_WALKIN,
  KIOSK_ENTITY_POINT_ENTRY,
  KIOSK_N_ENTITIES,
  KIOSK_ENTITY_UNKNOWN = KIOSK_N_ENTITIES,
} KioskEntity;

typedef enum {
  KIOSK_LEVEL_BRONZE,
  KIOSK_LEVEL_SILVER,
  KIOSK_LEVEL_GOLD,
  KIOSK_LEVEL_PLATINUM,
} KioskLoyaltyLevel;

typedef enum {
  KIOSK_APPOINTMENT_PENDING,
  KIOSK_APPOINTMENT_CONFIRMED,
  KIOSK_APPOINTMENT_COMPLETED,
  KIOSK_APPOINTMENT_CANCELLED,
  KIOSK_APPOINTMENT_NO_SHOW,
} KioskAppointmentStatus;

typedef enum {
  KIOSK_WALKIN_WAITING,
  KIOSK_WALKIN_CALLED,
  KIOSK_WALKIN_IN_SERVICE,
  KIOSK_WALKIN_DONE,
  KIOSK_WALKIN_LEFT,
} KioskWalkinStatus;

typedef struct {
  char   *id;
  char   *name;
  char   *address;
  char   *city;
  char   *district;
  char   *phone;
  int     opening_time;   /* seconds since midnight */
  int     closing_time;
  char   *timezone;       /* IANA name, "Europe/Istanbul" by default */
  gint64  version;
} KioskSalon;

typedef struct {
  char    *id;            /* "<salon id>:<day>" */
  int      day_of_week;   /* 0 = Monday … 6 = Sunday */
  int      opening_time;
  int      closing_time;
  gboolean is_closed;
  gint64   version;
} KioskWorkingHours;

typedef struct {
  char   *id;
  char   *name;
  char   *description;
  char   *icon;
  gint64  version;
} KioskCategory;

typedef struct {
  char    *id;
  char    *category;      /* category id or NULL */
  char    *name;
  char    *description;
  gint64   price;         /* kuruş */
  int      duration;      /* minutes */
  gboolean is_active;
  gint64   version;
} KioskService;

typedef struct {
  char     *id;
  char     *name;
  char     *position;
  gboolean  is_active;
  GStrv     services;     /* ids of the services this employee does */
  gint64    version;
} KioskEmployee;

typedef struct {
  char              *id;
  char              *first_name;
  char              *last_name;
  char              *phone;          /* E.164 */
  KioskLoyaltyLevel  loyalty_level;
  gint64             total_points;
  gint64             current_points;
  gint64             total_spent;    /* kuruş */
  gint64             total_visits;
  char              *updated_at;
  /* KVKK consent given at this kiosk (docs/kiosk-api.md §3.6): when, and
   * the notice's version (domain/kiosk-kvkk.h); NULL for the others. The
   * feed never carries them. */
  char              *consent_at;
  char              *consent_notice;
  gint64             version;
  gboolean           pending;
} KioskCustomer;

typedef struct {
  char                   *id;
  char                   *customer;
  char                   *service;
  char                   *employee;  /* NULL: any */
  char                   *appointment_date;
  int                     appointment_time;
  int                     end_time;
  KioskAppointmentStatus  status;
  char                   *notes;
  gint64                  price;     /* kuruş */
  char                   *source;    /* "kiosk", "walk_in", "app", … */
  char                   *checked_in_at;
  char                   *created_at;
  char                   *updated_at;
  gint64                  version;
  gboolean                pending;
} KioskAppointment;

typedef struct {
  char              *id;
  char              *customer;           /* NULL when unknown */
  char              *name;
  char              *phone;
  char              *service;
  char              *preferred_employee; /* NULL: anyone */
  char              *employee;
  KioskWalkinStatus  status;
  char              *arrived_at;
  char              *called_at;
  char              *finished_at;
  char              *consent_at;         /* as the customer's, §3.6 */
  char              *consent_notice;
  gint64             version;
  gboolean           pending;
} KioskWalkin;

typedef struct {
  char   *id;
  char   *customer;
  gint64  points;          /* negative for redemptions */
  char   *reason;
  char   *created_at;
  gint64  version;
  gboolean pending;
} KioskPointEntry;

/* An appointment with the names the front desk shows beside it. */
typedef struct {
  KioskAppointment appointment;
  char            *customer_name;   /* "First Last", or NULL */
  char            *service_name;
  char            *employee_name;   /* NULL when no employee is set */
} KioskAppointmentRow;

void kiosk_salon_free             (KioskSalon          *self);
void kiosk_working_hours_free     (KioskWorkingHours   *self);
void kiosk_category_free          (KioskCategory       *self);
void kiosk_service_free           (KioskService        *self);
void kiosk_employee_free          (KioskEmployee       *self);
void kiosk_customer_free          (KioskCustomer       *self);
void kiosk_appointment_clear      (KioskAppointment    *self);
void kiosk_appointment_free       (KioskAppointment    *self);
void kiosk_walkin_free            (KioskWalkin         *self);
void kiosk_point_entry_free       (KioskPointEntry     *self);
void kiosk_appointment_row_free   (KioskAppointmentRow *self);

/* Frees a record of @entity (KioskSalon * for KIOSK_ENTITY_SALON, …). */
void        kiosk_record_free                    (KioskEntity             entity,
                                                  gpointer                record);
/* The id of a record of @entity. */
const char *kiosk_record_get_id                  (KioskEntity             entity,
                                                  gconstpointer           record);

/* The contract's spelling of enums, and back. Parsing returns FALSE for an
 * unknown word and leaves *out alone. */
const char *kiosk_entity_to_string               (KioskEntity             entity);
KioskEntity kiosk_entity_from_string             (const char             *str);   /* UNKNOWN if not ours */
const char *kiosk_loyalty_level_to_string        (KioskLoyaltyLevel       level);
gboolean    kiosk_loyalty_level_from_string      (const char             *str,
                                                  KioskLoyaltyLevel      *out);
const char *kiosk_appointment_status_to_string   (KioskAppointmentStatus  status);
gboolean    kiosk_appointment_status_from_string (const char             *str,
                                                  KioskAppointmentStatus *out);
const char *kiosk_walkin_status_to_string        (KioskWalkinStatus       status);
gboolean    kiosk_walkin_status_from_string      (const char             *str,
                                                  KioskWalkinStatus      *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskSalon, kiosk_salon_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskWorkingHours, kiosk_working_hours_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskCategory, kiosk_category_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskService, kiosk_service_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskEmployee, kiosk_employee_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskCustomer, kiosk_customer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskAppointment, kiosk_appointment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskWalkin, kiosk_walkin_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskPointEntry, kiosk_point_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskAppointmentRow, kiosk_appointment_row_free)

G_END_DECLS

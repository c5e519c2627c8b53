/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What a day view shows, read from the replica: columns (the staff members
 * working on a day, or the seven days of one staff member's week) and the
 * items in them (appointments, walk-ins in service, free time), by column
 * then time, each in its lane. Plain structs, no widget: only the day view
 * and its blocks include this.
 */
#pragma once

#include "kiosk-context-reads.h"

G_BEGIN_DECLS

#define DAY_SECONDS    (24 * 3600)

typedef enum {
  KIOSK_DAY_BLOCK_APPOINTMENT,
  KIOSK_DAY_BLOCK_WALKIN,
  KIOSK_DAY_BLOCK_FREE,
} KioskDayBlockKind;

typedef struct {
  KioskDayBlockKind       kind;
  guint                   column;
  int                     start;
  int                     end;
  guint                   lane;
  guint                   n_lanes;
  char                   *key;       /* "a:<id>", "w:<id>", "f:<column>:<start>" */
  char                   *id;        /* the appointment's or walk-in's */
  char                   *customer;
  char                   *service;
  KioskAppointmentStatus  status;
  gboolean                checked_in;
  gboolean                pending;   /* not yet accepted by the server */
} KioskDayItem;

typedef struct {
  char     *title;
  char     *subtitle;
  char     *employee;   /* NULL: bookings without a staff member */
  char     *date;
  int       open;
  int       close;
  gboolean  closed;
  gboolean  today;
} KioskDayColumn;

typedef struct {
  GPtrArray *columns;
  GArray    *items;
  int        axis_start;
  int        axis_end;
  int        now;
} KioskDayModel;

/* The salon, its hours, staff and services: they change rarely, so a view
 * reads them once and forgets them when the replica changes. */
typedef struct {
  KioskSalon *salon;
  GPtrArray  *hours;
  GPtrArray  *employees;
  GPtrArray  *services;
  gboolean    read;
} KioskDayStaff;

void      kiosk_day_model_init         (KioskDayModel *model);
void      kiosk_day_model_clear        (KioskDayModel *model);
/* Reads @date (or, in @week_mode, the week holding it for @employee_id)
 * from @replica into @model, an empty one; @staff is read first unless it
 * already was. @now is the salon's time now. */
gboolean  kiosk_day_model_load         (KioskDayModel *model,
                                        KioskContext  *context,
                                        GDateTime     *now,
                                        KioskDayStaff *staff,
                                        gboolean       week_mode,
                                        const char    *employee_id,
                                        const char    *date,
                                        GError       **error);
void      kiosk_day_model_forget_staff (KioskDayStaff *staff);

/* A date formatted in the user's language ("Wed 25 Nov"). */
char     *kiosk_day_model_format_day   (const GDate   *date,
                                        const char    *format);
G_END_DECLS

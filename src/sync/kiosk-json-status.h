/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What `salonity-kiosk --status --json` prints (docs/command-line.md): the
 * enrollment, the sync's progress and the outbox by state, as one JSON
 * object for monitoring. The command gathers the facts; the JSON is
 * written here, with the rest of the program's JSON.
 */
#pragma once

#include <glib.h>

#include "kiosk-outbox-kind.h"

G_BEGIN_DECLS

/* The strings may be NULL (written as null). */
typedef struct {
  gboolean    enrolled;
  const char *server;
  const char *salon;
  const char *salon_name;
  const char *device;
  const char *device_name;
  const char *token;              /* "stored", "missing", "unavailable", "error", "revoked" */
  const char *revoked_at;
  const char *revoked_reason;
  gboolean    has_cursor;
  const char *last_pull;
  gint64      cursor_age_seconds; /* < 0: no pull yet (null) */
  gint64      outbox[KIOSK_N_OUTBOX_STATES];  /* by KioskOutboxState */
  gint64      quarantined;
} KioskStatusReport;

/* {"enrolled", "server", "salon", "salon_name", "device", "device_name",
 * "token", "revoked_at", "revoked_reason", "has_cursor", "last_pull",
 * "cursor_age_seconds", "outbox": {"pending", …, "held"}, "quarantined"}
 * on one line. */
char *kiosk_json_status_report (const KioskStatusReport *report);

G_END_DECLS

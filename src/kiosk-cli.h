/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The headless face of the kiosk: --enroll, --sync-once, --status and
 * --dump-replica. They run in the local process (from
 * GApplication::handle-local-options), never open a window and never
 * register on the session bus; they answer with an exit code. The codes and
 * the output formats are documented in docs/command-line.md.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of --enroll. 0, 1 and 4 mean what they mean for --sync-once
 * (KioskSyncOnceResult); 2 is a usage error for every command. */
typedef enum {
  KIOSK_CLI_OK               = 0,
  KIOSK_CLI_FAILED           = 1,   /* local trouble: the replica, the disk */
  KIOSK_CLI_USAGE            = 2,   /* missing or contradicting options */
  KIOSK_CLI_UNREACHABLE      = 4,   /* network, DNS, time-out, or a reply outside the contract */
  KIOSK_CLI_PAIRING_CODE     = 6,   /* the server refused the enrollment: pairing code wrong,
                                     * expired or used, or another field (unknown salon) */
  KIOSK_CLI_THROTTLED        = 7,   /* too many tries: wait the seconds printed */
  KIOSK_CLI_REFUSED_URL      = 8,   /* not an http(s) URL, plain HTTP to a remote host,
                                     * untrusted certificate, unreadable CA file */
  KIOSK_CLI_NO_SECRET_STORE  = 9,   /* no Secret Service answers: the token cannot be kept */
  KIOSK_CLI_OTHER_SALON      = 10,  /* the data folder already belongs to another salon */
} KioskCliExit;

/* Runs the command asked for in @options (the parsed GApplication main
 * options) against the replica in @data_dir (NULL: the default folder).
 * Returns the exit code, or -1 when no headless command was asked for and
 * the application should start normally. */
int kiosk_cli_run (GVariantDict *options,
                   const char   *data_dir);

G_END_DECLS

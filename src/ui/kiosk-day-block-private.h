/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Inside a day view's block: kiosk-day-view.c fills in what a block shows
 * (its fields), kiosk-day-block.c draws it. Nothing else includes this.
 */
#pragma once

#include "kiosk-day-block.h"
#include "kiosk-day-model-private.h"

G_BEGIN_DECLS

struct _KioskDayBlock
{
  GtkButton               parent_instance;

  guint                   index;
  KioskDayBlockKind       kind;
  KioskAppointmentStatus  status;
  guint                   checked_in : 1;
  guint                   pending : 1;
  guint                   selected : 1;
  /* Allocated near the viewport in the last layout (see the view's
   * size_allocate). */
  guint                   placed : 1;
  /* What it shows, to tell whether a new item changes it: the spoken
   * label is made at once, the drawn markup only when drawn. */
  int                     start;
  int                     end;
  char                   *customer;
  char                   *service;
  char                   *who;
  char                   *day;
  char                  **lines;     /* markup, one a line */
  char                   *marked_first; /* the first with the status's symbol */
  char                   *label;
  PangoLayout            *layout;    /* of the first line */
  PangoLayout            *marked_layout; /* of marked_first, in a short block */
  /* Where the last pointer press fell, for a click into free time. */
  double                  press_y;
  gint64                  press_time;
};

#define KIOSK_DAY_RGBA(r, g, b) { (r) / 255.f, (g) / 255.f, (b) / 255.f, 1.f }

/* Drawn by the blocks and by the view's header alike. */
static const GdkRGBA kiosk_day_text_color = KIOSK_DAY_RGBA (0x24, 0x1f, 0x31);
static const GdkRGBA kiosk_day_focus_color = KIOSK_DAY_RGBA (0x1a, 0x5f, 0xb4);

/* The text of each line @self draws at its size, top to bottom (tests);
 * @text_bottom: where the last ends, from the block's top. */
char       **kiosk_day_block_dup_drawn_lines   (KioskDayBlock  *self,
                                                int            *text_bottom);

/* kiosk-day-view.c: the lines a block draws, from the item it shows in its
 * view (NULL when it is in none). */
char       **kiosk_day_view_dup_block_lines    (KioskDayBlock  *block,
                                                char          **marked_first);
/* kiosk-day-view.c: the view's shared layout of a line many blocks draw. */
PangoLayout *kiosk_day_view_shared_line_layout (KioskDayBlock *block,
                                                const char    *markup,
                                                int            width);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Inside a day view's block: the view hands a block the item it shows
 * (kiosk_day_block_show_item()) with the lines object of the view, from
 * which the block makes and shapes what it draws when it is drawn. Only the
 * day view's files (and the tests, for its drawn lines) include this.
 */
#pragma once

#include "kiosk-day-block.h"
#include "kiosk-day-lines.h"
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
  /* The view's, shared by its blocks: makes the texts below and shapes
   * the lines many blocks draw. */
  KioskDayLines          *texts;
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
  /* At scale 1, what the block draws, drawn once into an image (a cairo
   * node painting it; see kiosk_day_block_drop_raster()), and what it was
   * drawn for; NULL when the block has changed since, or at other scales. */
  GskRenderNode          *raster;
  int                     raster_width;
  int                     raster_height;
  int                     raster_scale;
  guint                   raster_focus : 1;
  /* Where the last pointer press fell, for a click into free time. */
  double                  press_y;
  gint64                  press_time;
};

/* Shows @item (the @index-th of its view's): @who (whose column, in a
 * day) or @day (in a week) go in its spoken label; @texts makes its lines
 * and shares their layouts. What did not change is kept, with its drawn
 * layout. */
void         kiosk_day_block_show_item         (KioskDayBlock       *self,
                                                guint                index,
                                                const KioskDayItem  *item,
                                                const char          *who,
                                                const char          *day,
                                                gboolean             selected,
                                                KioskDayLines       *texts);

/* Drawn as selected (the appointment the details panel shows). */
void         kiosk_day_block_set_selected      (KioskDayBlock       *self,
                                                gboolean             selected);

/* Forgets the image of what @self draws (kept while it is shown at scale
 * 1): the view lets go of those of the blocks that leave the viewport's
 * surroundings, so that a day's images do not pile up. */
void         kiosk_day_block_drop_raster       (KioskDayBlock       *self);

/* Adds what @self draws at its size, as vector nodes, never from the
 * image (tests: what a block shows at any scale). */
void         kiosk_day_block_append_drawing    (KioskDayBlock       *self,
                                                GtkSnapshot         *snapshot);

/* Free time, activated: when the booking starts, the quarter hour a tap
 * fell in (within a second), else (a key) the block's start. Forgets the
 * tap. */
int          kiosk_day_block_take_book_time    (KioskDayBlock       *self);

/* The text of each line @self draws at its size, top to bottom (tests);
 * @text_bottom: where the last ends, from the block's top. */
char       **kiosk_day_block_dup_drawn_lines   (KioskDayBlock       *self,
                                                int                 *text_bottom);

G_END_DECLS

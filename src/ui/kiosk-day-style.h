/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The day view's sizes and colours, which its parts share: the grid and
 * its blocks (kiosk-day-view.c, kiosk-day-view-grid.c, kiosk-day-block.c),
 * the header of staff names (kiosk-day-header.c) and the time axis
 * (kiosk-day-hour-bar.c). Nothing else includes this.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Geometry, in pixels. An hour is tall enough for a 15-minute booking to
 * stay a touch target. */
#define AXIS_W         64
#define HEADER_H       52
#define PX_PER_HOUR    120
#define MIN_COL_W      168
/* A week's seven days fit beside the window's sidebar at 1280 px. */
#define MIN_WEEK_COL_W 144
#define MIN_BLOCK_H    26
#define COL_PAD        4
#define BOTTOM_PAD     12

/* Where @t (seconds since the salon's midnight) is below @axis_start's
 * line, in pixels. */
#define KIOSK_DAY_Y(axis_start, t) ((double) ((t) - (axis_start)) * PX_PER_HOUR / 3600.0)

#define KIOSK_DAY_RGBA(r, g, b) { (r) / 255.f, (g) / 255.f, (b) / 255.f, 1.f }

static const GdkRGBA kiosk_day_text_color = KIOSK_DAY_RGBA (0x24, 0x1f, 0x31);
static const GdkRGBA kiosk_day_focus_color = KIOSK_DAY_RGBA (0x1a, 0x5f, 0xb4);
/* The header, the axis and the corner where they meet. */
static const GdkRGBA kiosk_day_header_bg = KIOSK_DAY_RGBA (0xf6, 0xf5, 0xf4);
static const GdkRGBA kiosk_day_line_color = KIOSK_DAY_RGBA (0xc0, 0xbf, 0xbc);
/* The time now, on the axis and across today's columns. */
static const GdkRGBA kiosk_day_now_color = KIOSK_DAY_RGBA (0xc0, 0x1c, 0x28);

G_END_DECLS

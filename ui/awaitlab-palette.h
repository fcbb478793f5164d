/* awaitlab-palette.h
 *
 * Every colour the timeline, the code view and the exports pick, in one place, with
 * the rules they keep (checked by tests/ui/test-text.c): lane colours stay apart for
 * normal vision and with protanopia, deuteranopia and tritanopia, and every text —
 * lane names, tick labels, labels on bars, also on the veiled future — has a
 * contrast of at least 4.5:1 (WCAG AA) in the light and the dark style.
 */

#pragma once

#include "awaitlab-timeline.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue;
} AwaitlabColor;

typedef enum
{
  AWAITLAB_TEXT_PRIMARY,    /* lane names, the legend */
  AWAITLAB_TEXT_SECONDARY,  /* tick and counter labels */
  AWAITLAB_TEXT_DIM,        /* a lane whose thread has not started yet */
  AWAITLAB_N_TEXT_ROLES
} AwaitlabTextRole;

/* How many lane colours are checked for colour-blind safety; lanes beyond reuse
 * colours computed to stay apart from all before (each lane its own colour). */
#define AWAITLAB_PALETTE_N_LANE_COLORS 20

/* The colour of lane @index (thread chips, gutter marks): different for every index. */
void   awaitlab_thread_color            (guint              index,
                                         AwaitlabColor     *color);
void   awaitlab_state_color             (AwaitlabSpanState  state,
                                         AwaitlabColor     *color);
/* The ink of a state's pattern (stripes, hatch, dots) and its alpha; FALSE if the
 * state has no pattern. */
gboolean awaitlab_palette_pattern_ink   (AwaitlabSpanState  state,
                                         AwaitlabColor     *color,
                                         double            *alpha);

/* The lane area's background. */
void   awaitlab_palette_background      (gboolean           dark,
                                         AwaitlabColor     *color);
/* Text is the style's foreground (black or white) at this alpha over the background. */
double awaitlab_palette_text_alpha      (AwaitlabTextRole   role);
/* The veil over what has not happened yet: @color at @alpha. */
void   awaitlab_palette_veil            (gboolean           dark,
                                         AwaitlabColor     *color,
                                         double            *alpha);
/* The playhead and its time badge (white text on it). */
void   awaitlab_palette_playhead        (AwaitlabColor     *color);
/* Lines and marks of a deadlock, and the names of its lanes (lighter in the dark). */
void   awaitlab_palette_deadlock        (AwaitlabColor     *color);
void   awaitlab_palette_deadlock_text   (gboolean           dark,
                                         AwaitlabColor     *color);
/* The colour of a label on a bar of @state; @veiled when it lies under the veil. */
void   awaitlab_palette_span_label      (AwaitlabSpanState  state,
                                         gboolean           veiled,
                                         gboolean           dark,
                                         AwaitlabColor     *color);

/* @fg at @alpha over @bg. */
void   awaitlab_color_blend             (const AwaitlabColor *fg,
                                         double               alpha,
                                         const AwaitlabColor *bg,
                                         AwaitlabColor       *out);
/* WCAG 2 contrast ratio, 1 … 21. */
double awaitlab_color_contrast          (const AwaitlabColor *a,
                                         const AwaitlabColor *b);
/* Black or white, whichever contrasts more with @bg. */
void   awaitlab_color_text_on           (const AwaitlabColor *bg,
                                         AwaitlabColor       *out);

G_END_DECLS

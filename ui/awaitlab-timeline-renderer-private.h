/* awaitlab-timeline-renderer-private.h
 *
 * Shared by the files that make up the one timeline renderer: its state and
 * the pieces of a frame each file draws.
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "awaitlab-timeline-renderer.h"
#include "awaitlab-time-axis-private.h"

G_BEGIN_DECLS

/* A pixel column holding more items than this is not walked item by item:
 * a binary search jumps to the next column. */
#define MAX_EXACT_PER_COLUMN 12

struct _AwaitlabTimelineRenderer
{
  double                scale;
  gint64                playhead;
  double                playhead_position; /* over events (3.5 = halfway from 3 to 4), < 0 = by time */
  AwaitlabTimeAxis     *axis;             /* the shared one, or NULL */
  AwaitlabTimeAxis     *own_axis;         /* real time, for other timelines */
  AwaitlabTimeAxis     *cur;              /* the one this frame maps through */
  guint                 no_summaries : 1;
  guint                 no_columns : 1;

  /* Zoomed far out a lane's pixels are written directly, column by column,
   * from 8×8 tiles of each state's colour and texture, then blitted: one
   * paint per lane instead of a rectangle per column (see paint_columns). */
  cairo_surface_t      *scratch;          /* ARGB32, reused for image targets */
  gint8                *columns;
  guint8               *pinned;           /* columns an instant claimed */
  guint16              *cov;              /* per column and state, from a summary */
  guint32              *row_cache;
  cairo_surface_t      *image;            /* the lane being written, between image_begin and _end */
  int                   image_y;
  int                   image_w;
  int                   image_h;
  guint8               *image_rows;       /* which rows of the image a band wrote */        /* the 8 rows a lane repeats, and idle's */
  int                   n_columns;
  guint                 direct : 1;       /* this frame may write pixels (identity matrix) */
  guint                 to_columns : 1;   /* fill_state writes self->columns */
  guint                 pin : 1;          /* the next fill_state is an instant */
  guint32               tiles[AWAITLAB_N_SPAN_STATES][8][8];
  guint32               idle_pixel;
  int                   tiles_dark;       /* -1 = not built */
  int                   selected;
  int                   hover_lane;
  int                   hover_span;
  guint                 dark : 1;
  guint                 show_counters : 1;
  guint                 show_flows : 1;
  guint                 show_outcome : 1;
  guint                 hide_future : 1;

  cairo_pattern_t      *patterns[AWAITLAB_N_SPAN_STATES];
  PangoFontDescription *font;
  PangoFontDescription *bold_font;
  PangoLayout          *layout;

  /* Rectangles of each state, filled in one go per frame: cairo's cost is
   * per fill call far more than per rectangle. */
  GArray               *batch[AWAITLAB_N_SPAN_STATES];
  GArray               *labels;
  cairo_rectangle_t     hover_rect;

  /* Lanes left out (an export cropped to the lanes its range uses); NULL or
   * shorter than the timeline's lanes: the others are shown. */
  GArray               *lanes_shown;      /* gboolean per lane */

  /* Layout of the last draw or hit test */
  GArray               *lane_y;
  GArray               *lane_h;
  double                counters_y;
  double                counter_h;
  double                area_x;
  double                area_w;
  double                ruler_h;
};

/* A run of pixel columns of one state, merged into one rectangle. */
typedef struct
{
  double x0;
  double x1;
  int    state;
} Run;

typedef struct
{
  const AwaitlabSpan *span;
  double              x0;
  double              x1;
  double              y;
  double              h;
} Label;

static inline double
pos_x (AwaitlabTimelineRenderer *self,
       gint64                    begin,
       double                    px_per_unit,
       gint64                    pos)
{
  return self->area_x + (double)(pos - begin) * px_per_unit;
}

/* Where virtual time @t is drawn (the start of its instant). */
static inline double
time_x (AwaitlabTimelineRenderer *self,
        gint64                    begin,
        double                    px_per_unit,
        gint64                    t)
{
  return pos_x (self, begin, px_per_unit, awaitlab_time_axis_time_to_pos (self->cur, t));
}

static inline void
set_color (cairo_t             *cr,
           const AwaitlabColor *c,
           double               alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, alpha);
}

static inline void
set_palette_color (cairo_t *cr,
                   void    (*pick) (AwaitlabColor *color))
{
  AwaitlabColor c;

  pick (&c);
  set_color (cr, &c, 1.0);
}

static inline void
set_fg (AwaitlabTimelineRenderer *self,
        cairo_t                  *cr,
        double                    alpha)
{
  if (self->dark)
    cairo_set_source_rgba (cr, 1, 1, 1, alpha);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, alpha);
}

/* The page behind the lanes (also what hides a spoiler-free future). */
static inline void
set_background (AwaitlabTimelineRenderer *self,
                cairo_t                  *cr)
{
  if (self->dark)
    cairo_set_source_rgb (cr, 0.118, 0.118, 0.118);
  else
    cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
}

static inline gboolean
lane_shown (AwaitlabTimelineRenderer *self,
            guint                     lane)
{
  return self->lanes_shown == NULL || lane >= self->lanes_shown->len ||
         g_array_index (self->lanes_shown, gboolean, lane);
}

/* Code that ran in no virtual time (between two awaits, a continuation run
 * inline or posted) keeps a width a projector shows, on either axis. */
static inline gboolean
is_instant (const AwaitlabSpan *span)
{
  return span->begin == span->end && span->state != AWAITLAB_SPAN_IDLE &&
         span->state != AWAITLAB_SPAN_EXITED;
}

/* Index of the first span whose position begins at or after @p. */
static inline guint
awaitlab_renderer_lower_bound (const AwaitlabAxisSpan *pos,
             guint                   n,
             gint64                  p)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (pos[mid].begin < p)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* awaitlab-timeline-renderer.c */
AwaitlabTimeAxis *awaitlab_renderer_axis_for        (AwaitlabTimelineRenderer *self,
                                                     AwaitlabTimeline         *timeline);
void              awaitlab_renderer_compute_layout  (AwaitlabTimelineRenderer *self,
                                                     AwaitlabTimeline         *timeline,
                                                     double                    width,
                                                     double                    height);
gint64            awaitlab_renderer_playhead_pos    (AwaitlabTimelineRenderer *self);

/* awaitlab-timeline-paint.c */
cairo_pattern_t  *awaitlab_renderer_make_pattern    (AwaitlabSpanState         state);
void              awaitlab_renderer_add_rect        (AwaitlabTimelineRenderer *self,
                                                     int                       state,
                                                     double                    x,
                                                     double                    y,
                                                     double                    w,
                                                     double                    h);
void              awaitlab_renderer_fill_state      (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     int                       state,
                                                     double                    x0,
                                                     double                    y,
                                                     double                    x1,
                                                     double                    h);
void              awaitlab_renderer_flush_batches   (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr);
void              awaitlab_renderer_ensure_columns  (AwaitlabTimelineRenderer *self,
                                                     int                       width);
void              awaitlab_renderer_image_begin     (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     int                       width,
                                                     double                    y,
                                                     double                    h);
void              awaitlab_renderer_image_put       (AwaitlabTimelineRenderer *self,
                                                     double                    y,
                                                     double                    h);
void              awaitlab_renderer_image_end       (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr);
void              awaitlab_renderer_paint_columns   (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     int                       width,
                                                     double                    y,
                                                     double                    h);

/* awaitlab-timeline-lanes.c */
void              awaitlab_renderer_draw_thread_lane (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     AwaitlabTimeline         *timeline,
                                                     guint                     lane,
                                                     gint64                    begin,
                                                     gint64                    end,
                                                     double                    px_per_unit);
void              awaitlab_renderer_draw_async_lane (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     AwaitlabTimeline         *timeline,
                                                     guint                     lane,
                                                     gint64                    begin,
                                                     gint64                    end,
                                                     double                    px_per_unit);

/* awaitlab-timeline-labels.c */
void              awaitlab_renderer_show_text       (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     const char               *text,
                                                     double                    x,
                                                     double                    y,
                                                     double                    max_width,
                                                     gboolean                  bold,
                                                     gboolean                  center_y);
void              awaitlab_renderer_add_span_label  (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     const AwaitlabSpan       *span,
                                                     double                    x0,
                                                     double                    x1,
                                                     double                    y,
                                                     double                    h);
void              awaitlab_renderer_flush_labels    (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     double                    veil_x,
                                                     gboolean                  veiled);
void              awaitlab_renderer_draw_lane_label (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     AwaitlabTimeline         *timeline,
                                                     guint                     lane,
                                                     gboolean                  appeared);

/* awaitlab-timeline-flows.c */
const AwaitlabColor *awaitlab_renderer_flow_color   (AwaitlabFlowKind          kind);
void              awaitlab_renderer_draw_arrow_head (cairo_t                  *cr,
                                                     double                    x,
                                                     double                    y,
                                                     double                    angle,
                                                     double                    size);
void              awaitlab_renderer_draw_flows      (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     AwaitlabTimeline         *timeline,
                                                     gint64                    begin,
                                                     gint64                    end,
                                                     double                    px_per_unit);
void              awaitlab_renderer_draw_never_run_labels (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     AwaitlabTimeline         *timeline,
                                                     gint64                    begin,
                                                     gint64                    end,
                                                     double                    px_per_unit);

/* awaitlab-timeline-ruler.c */
void              awaitlab_renderer_draw_ruler      (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     gint64                    begin,
                                                     gint64                    end,
                                                     double                    px_per_unit,
                                                     double                    height);
void              awaitlab_renderer_draw_playhead   (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     gint64                    begin,
                                                     gint64                    end,
                                                     double                    px_per_unit,
                                                     double                    height);

/* awaitlab-timeline-marks.c */
void              awaitlab_renderer_draw_marks      (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     AwaitlabTimeline         *timeline,
                                                     gint64                    begin,
                                                     gint64                    end,
                                                     double                    px_per_unit);
void              awaitlab_renderer_draw_cycle      (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     AwaitlabTimeline         *timeline,
                                                     gint64                    begin,
                                                     gint64                    end,
                                                     double                    px_per_unit);

/* awaitlab-timeline-counters.c */
void              awaitlab_renderer_draw_counters   (AwaitlabTimelineRenderer *self,
                                                     cairo_t                  *cr,
                                                     AwaitlabTimeline         *timeline,
                                                     gint64                    begin,
                                                     gint64                    end,
                                                     double                    px_per_unit);

G_END_DECLS

/* awaitlab-queues-view-private.h
 *
 * What the queues view's two halves share: the view's state and its movements
 * (awaitlab-queues-view.c) and the boxes' layout and drawing
 * (awaitlab-queues-draw.c).
 */

#pragma once

#include "awaitlab-queues-view.h"
#include "awaitlab-timeline-renderer.h"

G_BEGIN_DECLS

#define NATURAL_H    120
#define MIN_DRAW_H   104              /* shorter than this, boxes would not hold a title and a chip */
#define LABEL_W      78.0
#define GAP          8.0
#define BOX_MIN_W    112.0
#define BOX_MAX_W    250.0
#define CHIP_H       22.0
#define FLIGHT_US    (700 * 1000)     /* one movement, slow enough to follow */
#define PULSE_US     (350 * 1000)     /* the destination glows after arrival */
#define STAGGER_US   (220 * 1000)     /* movements of one step one after another */
#define MAX_FLIGHTS  10
#define MAX_PLAN     16               /* a longer forward move is a jump: no movement */

typedef enum
{
  BOX_TIMERS,
  BOX_IO,
  BOX_UI,
  BOX_GLOBAL,
  BOX_REQUEST,
  BOX_LOCAL,
  BOX_THREAD,
  BOX_MORE,
} BoxKind;

typedef struct
{
  BoxKind kind;
  gint64  id;         /* queue owner / thread id; 0 otherwise */
} BoxKey;

typedef struct
{
  BoxKey                key;
  double                x, y, w, h;
  const AwlStateQueue  *queue;    /* NULL when empty / not a queue */
  const AwlStateThread *thread;   /* thread boxes */
  guint                 more;     /* BOX_MORE: how many are left out */
} Box;

typedef struct
{
  BoxKey        from;
  BoxKey        to;
  char         *label;
  AwaitlabColor color;
  guint64       item;     /* the work item id while it travels into a queue, 0 otherwise */
  gint64        start;    /* µs, frame clock time */
} Flight;

struct _AwaitlabQueuesView
{
  GtkWidget         parent_instance;

  GtkDrawingArea   *canvas;

  AwlTrace         *trace;
  AwaitlabTimeline *timeline;
  AwlState         *state;
  guint             index;
  gboolean          has_ui;
  GArray           *flights;      /* Flight */
  guint             tick_id;
  double            scale;        /* > 1 in presentation mode: everything drawn larger */
};

static const AwaitlabColor posted_green = { 0.000, 0.620, 0.451 };  /* the timeline's posted flow */
static const AwaitlabColor queued_purple = { 0.800, 0.475, 0.655 }; /* the timeline's queued flow */
static const AwaitlabColor work_blue = { 0.000, 0.447, 0.698 };
static const AwaitlabColor timer_sky = { 0.337, 0.706, 0.914 };

AwaitlabColor queues_chip_color      (BoxKind             where,
                                     const char         *description);
char         *queues_chip_label      (const char         *description);
BoxKey        queues_key             (AwlQueueKind        kind,
                                     gint64              owner);
gboolean      queues_key_equal       (BoxKey              a,
                                     BoxKey              b);
char         *queues_box_title       (AwaitlabQueuesView *self,
                                     BoxKey              key);
char         *queues_box_title_short (AwaitlabQueuesView *self,
                                     BoxKey              key);
int           queues_lane_of_thread  (AwaitlabQueuesView *self,
                                     guint               thread);
/* The canvas's draw function. */
void          queues_draw            (GtkDrawingArea     *area,
                                     cairo_t            *cr,
                                     int                 width,
                                     int                 height,
                                     gpointer            user_data);

G_END_DECLS

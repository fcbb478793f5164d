/* awaitlab-timeline.h
 *
 * The drawable form of one run: lanes of spans, counter tracks, continuation
 * flows, marks, events, output lines and the outcome. It is built once from an
 * AwlTrace (awaitlab-trace-timeline.c) or synthetically (bench, tests) and is
 * immutable afterwards, so the window, the exports and the bench share it and the
 * renderer never needs to know the simulation's types.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  AWAITLAB_SPAN_IDLE,
  AWAITLAB_SPAN_RUNNING,
  AWAITLAB_SPAN_READY,
  AWAITLAB_SPAN_BLOCKED,
  AWAITLAB_SPAN_EXITED,
  AWAITLAB_SPAN_TIMER,
  AWAITLAB_SPAN_IO,
  AWAITLAB_N_SPAN_STATES
} AwaitlabSpanState;

typedef enum
{
  AWAITLAB_LANE_THREAD,
  AWAITLAB_LANE_ASYNC,        /* timers and in-flight I/O, stacked in rows */
} AwaitlabLaneKind;

typedef enum
{
  AWAITLAB_THREAD_MAIN,
  AWAITLAB_THREAD_UI,
  AWAITLAB_THREAD_POOL,
  AWAITLAB_THREAD_DEDICATED,
  AWAITLAB_THREAD_TIMER,
  AWAITLAB_THREAD_OTHER,
} AwaitlabThreadKind;

typedef enum
{
  AWAITLAB_OUTCOME_NONE,
  AWAITLAB_OUTCOME_COMPLETED,
  AWAITLAB_OUTCOME_DEADLOCK,
  AWAITLAB_OUTCOME_CRASHED,
  AWAITLAB_OUTCOME_LIMIT,
} AwaitlabOutcomeKind;

typedef enum
{
  AWAITLAB_FLOW_QUEUED,       /* to the ThreadPool */
  AWAITLAB_FLOW_POSTED,       /* to a SynchronizationContext */
  AWAITLAB_FLOW_INLINE,       /* ran synchronously on the completing thread */
} AwaitlabFlowKind;

typedef enum
{
  AWAITLAB_MARK_INJECTION,    /* the pool injected a thread */
  AWAITLAB_MARK_LINT,
  AWAITLAB_MARK_EXCEPTION,
} AwaitlabMarkKind;

typedef struct
{
  gint64      begin;
  gint64      end;
  guint8      state;          /* AwaitlabSpanState */
  guint8      row;            /* async lane only */
  guint       line;           /* 1-based source line, 0 = none */
  int         task;           /* -1 = none */
  const char *label;          /* "GetAsync · state 0", owned by the timeline */
  const char *detail;         /* blocked reason, owned by the timeline */
  guint       event;          /* 1 + index of the event that began it; 0 = unknown */
} AwaitlabSpan;

typedef struct
{
  gint64 time;
  double value;
} AwaitlabCounterPoint;

typedef struct
{
  guint  from_lane;
  gint64 from_time;
  guint  to_lane;
  gint64 to_time;
  guint  kind;                /* AwaitlabFlowKind */
  guint  from_event;          /* 1 + index of the scheduling event; 0 = unknown */
  guint  to_event;            /* 1 + index of the resuming event; 0 = unknown */
} AwaitlabFlow;

/* A flow whose continuation never ran (still queued when the run stopped). */
#define AWAITLAB_FLOW_NEVER G_MAXINT64

typedef struct
{
  gint64      time;
  guint       lane;
  guint       kind;           /* AwaitlabMarkKind */
  const char *text;
} AwaitlabMark;

typedef struct
{
  gint64 time;
  int    lane;                /* -1 = not on a thread */
  guint  line;
} AwaitlabEvent;

typedef struct
{
  gint64      time;
  int         lane;
  const char *text;
} AwaitlabOutputLine;

typedef struct
{
  guint       line;
  gint64      reveal_time;    /* G_MAXINT64 = never reached */
  const char *text;
} AwaitlabNote;

typedef char *(*AwaitlabDescribeFunc) (gpointer user_data,
                                       guint    event_index);

#define AWAITLAB_TYPE_TIMELINE (awaitlab_timeline_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabTimeline, awaitlab_timeline, AWAITLAB, TIMELINE, GObject)

AwaitlabTimeline         *awaitlab_timeline_new               (void);

/* Building (before the timeline is handed out) */
const char               *awaitlab_timeline_intern            (AwaitlabTimeline     *self,
                                                               const char           *str);
guint                     awaitlab_timeline_add_lane          (AwaitlabTimeline     *self,
                                                               AwaitlabLaneKind      kind,
                                                               AwaitlabThreadKind    thread_kind,
                                                               int                   thread_id,
                                                               const char           *name);
void                      awaitlab_timeline_add_span          (AwaitlabTimeline     *self,
                                                               guint                 lane,
                                                               const AwaitlabSpan   *span);
guint                     awaitlab_timeline_add_counter       (AwaitlabTimeline     *self,
                                                               const char           *name);
void                      awaitlab_timeline_add_counter_point (AwaitlabTimeline     *self,
                                                               guint                 counter,
                                                               gint64                time,
                                                               double                value);
void                      awaitlab_timeline_add_flow          (AwaitlabTimeline     *self,
                                                               const AwaitlabFlow   *flow);
void                      awaitlab_timeline_add_mark          (AwaitlabTimeline     *self,
                                                               gint64                time,
                                                               guint                 lane,
                                                               AwaitlabMarkKind      kind,
                                                               const char           *text);
void                      awaitlab_timeline_add_event         (AwaitlabTimeline     *self,
                                                               gint64                time,
                                                               int                   lane,
                                                               guint                 line);
void                      awaitlab_timeline_add_output        (AwaitlabTimeline     *self,
                                                               gint64                time,
                                                               int                   lane,
                                                               const char           *text);
void                      awaitlab_timeline_add_note          (AwaitlabTimeline     *self,
                                                               guint                 line,
                                                               const char           *text);
void                      awaitlab_timeline_set_outcome       (AwaitlabTimeline     *self,
                                                               AwaitlabOutcomeKind   kind,
                                                               const char           *text);
void                      awaitlab_timeline_add_cycle_lane    (AwaitlabTimeline     *self,
                                                               guint                 lane);
void                      awaitlab_timeline_set_describe_func (AwaitlabTimeline     *self,
                                                               AwaitlabDescribeFunc  func,
                                                               gpointer              user_data,
                                                               GDestroyNotify        destroy);
void                      awaitlab_timeline_finish            (AwaitlabTimeline     *self,
                                                               gint64                end_time);

/* Reading */
gint64                    awaitlab_timeline_get_end_time      (AwaitlabTimeline     *self);
guint                     awaitlab_timeline_get_n_lanes       (AwaitlabTimeline     *self);
const char               *awaitlab_timeline_get_lane_name     (AwaitlabTimeline     *self,
                                                               guint                 lane);
AwaitlabLaneKind          awaitlab_timeline_get_lane_kind     (AwaitlabTimeline     *self,
                                                               guint                 lane);
AwaitlabThreadKind        awaitlab_timeline_get_thread_kind   (AwaitlabTimeline     *self,
                                                               guint                 lane);
int                       awaitlab_timeline_get_lane_thread   (AwaitlabTimeline     *self,
                                                               guint                 lane);
int                       awaitlab_timeline_lane_of_thread    (AwaitlabTimeline     *self,
                                                               guint                 thread_id);
int                       awaitlab_timeline_find_lane_kind    (AwaitlabTimeline     *self,
                                                               AwaitlabThreadKind    kind);
guint                     awaitlab_timeline_get_lane_rows     (AwaitlabTimeline     *self,
                                                               guint                 lane);
gint64                    awaitlab_timeline_get_lane_appear   (AwaitlabTimeline     *self,
                                                               guint                 lane);
gint64                    awaitlab_timeline_get_lane_max_span (AwaitlabTimeline   *self,
                                                               guint                 lane);
const AwaitlabSpan       *awaitlab_timeline_get_spans         (AwaitlabTimeline     *self,
                                                               guint                 lane,
                                                               guint                *n_spans);
guint                     awaitlab_timeline_get_n_spans       (AwaitlabTimeline     *self);
int                       awaitlab_timeline_find_span         (AwaitlabTimeline     *self,
                                                               guint                 lane,
                                                               gint64                time);
guint                     awaitlab_timeline_get_n_counters    (AwaitlabTimeline     *self);
const char               *awaitlab_timeline_get_counter_name  (AwaitlabTimeline     *self,
                                                               guint                 counter);
const AwaitlabCounterPoint *awaitlab_timeline_get_counter     (AwaitlabTimeline     *self,
                                                               guint                 counter,
                                                               guint                *n_points,
                                                               double               *max_value);
const AwaitlabFlow       *awaitlab_timeline_get_flows         (AwaitlabTimeline     *self,
                                                               guint                *n_flows);
const AwaitlabMark       *awaitlab_timeline_get_marks         (AwaitlabTimeline     *self,
                                                               guint                *n_marks);
const AwaitlabEvent      *awaitlab_timeline_get_events        (AwaitlabTimeline     *self,
                                                               guint                *n_events);
guint                     awaitlab_timeline_event_at_time     (AwaitlabTimeline     *self,
                                                               gint64                time);
char                     *awaitlab_timeline_describe_event    (AwaitlabTimeline     *self,
                                                               guint                 event_index);
const AwaitlabOutputLine *awaitlab_timeline_get_output        (AwaitlabTimeline     *self,
                                                               guint                *n_lines);
const AwaitlabNote       *awaitlab_timeline_get_notes         (AwaitlabTimeline     *self,
                                                               guint                *n_notes);
AwaitlabOutcomeKind       awaitlab_timeline_get_outcome       (AwaitlabTimeline     *self);
const char               *awaitlab_timeline_get_outcome_text  (AwaitlabTimeline     *self);
const guint              *awaitlab_timeline_get_cycle         (AwaitlabTimeline     *self,
                                                               guint                *n_lanes);
gboolean                  awaitlab_timeline_lane_in_cycle     (AwaitlabTimeline     *self,
                                                               guint                 lane);

G_END_DECLS

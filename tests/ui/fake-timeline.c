/* fake-timeline.c */

#include "fake-timeline.h"

#define MS(x) ((gint64)(x) * 1000000)

static char *
describe (gpointer user_data,
          guint    index)
{
  return g_strdup_printf ("Fake event %u", index);
}

AwaitlabTimeline *
fake_deadlock_timeline (void)
{
  AwaitlabTimeline *t = awaitlab_timeline_new ();
  guint ui, pool, timers, counter;
  AwaitlabSpan span = { 0 };
  AwaitlabFlow flow = { 0 };

  ui = awaitlab_timeline_add_lane (t, AWAITLAB_LANE_THREAD, AWAITLAB_THREAD_UI, 1, "UI");
  pool = awaitlab_timeline_add_lane (t, AWAITLAB_LANE_THREAD, AWAITLAB_THREAD_POOL, 2, "Pool-1");
  timers = awaitlab_timeline_add_lane (t, AWAITLAB_LANE_ASYNC, AWAITLAB_THREAD_TIMER, 0, "Timers & I/O");

  span = (AwaitlabSpan) { MS (0), MS (1), AWAITLAB_SPAN_RUNNING, 0, 7, -1, "Button_Click", NULL };
  awaitlab_timeline_add_span (t, ui, &span);
  span = (AwaitlabSpan) { MS (1), MS (2), AWAITLAB_SPAN_RUNNING, 0, 13, 2, "GetDataAsync · state 0", NULL };
  awaitlab_timeline_add_span (t, ui, &span);
  span = (AwaitlabSpan) { MS (2), MS (102), AWAITLAB_SPAN_BLOCKED, 0, 8, 2, "Button_Click",
                          "Blocked: task wait on Task 2 (GetDataAsync)" };
  awaitlab_timeline_add_span (t, ui, &span);
  span = (AwaitlabSpan) { MS (0), MS (102), AWAITLAB_SPAN_IDLE, 0, 0, -1, NULL, NULL };
  awaitlab_timeline_add_span (t, pool, &span);
  span = (AwaitlabSpan) { MS (2), MS (102), AWAITLAB_SPAN_TIMER, 0, 13, 3, "Delay 100 ms", NULL };
  awaitlab_timeline_add_span (t, timers, &span);

  flow = (AwaitlabFlow) { timers, MS (102), ui, MS (102), AWAITLAB_FLOW_POSTED };
  awaitlab_timeline_add_flow (t, &flow);

  counter = awaitlab_timeline_add_counter (t, "UI messages");
  awaitlab_timeline_add_counter_point (t, counter, MS (0), 1);
  awaitlab_timeline_add_counter_point (t, counter, MS (1), 0);
  awaitlab_timeline_add_counter_point (t, counter, MS (102), 1);

  awaitlab_timeline_add_event (t, MS (0), ui, 7);
  awaitlab_timeline_add_event (t, MS (1), ui, 8);
  awaitlab_timeline_add_event (t, MS (1), ui, 13);
  awaitlab_timeline_add_event (t, MS (2), ui, 8);
  awaitlab_timeline_add_event (t, MS (102), -1, 0);
  awaitlab_timeline_add_event (t, MS (102), -1, 0);

  awaitlab_timeline_add_output (t, MS (0), ui, "click");
  awaitlab_timeline_add_note (t, 8, "`.Result` blocks the UI thread.");

  awaitlab_timeline_set_outcome (t, AWAITLAB_OUTCOME_DEADLOCK,
                                 "UI waits for Task 2 (GetDataAsync), whose continuation is posted to UI.");
  awaitlab_timeline_add_cycle_lane (t, ui);
  awaitlab_timeline_set_describe_func (t, describe, NULL, NULL);
  awaitlab_timeline_finish (t, MS (102));

  return t;
}

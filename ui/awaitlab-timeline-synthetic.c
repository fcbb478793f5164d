/* awaitlab-timeline-synthetic.c */

#include "awaitlab-timeline-synthetic.h"

AwaitlabTimeline *
awaitlab_timeline_new_synthetic (guint n_spans,
                                 guint n_threads,
                                 guint seed)
{
  static const char * const methods[] = {
    "Main", "GetDataAsync · state 0", "ProcessAsync · state 1", "<Run>b__0", "WorkerLoop",
  };
  AwaitlabTimeline *timeline = awaitlab_timeline_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint per_lane, async_lane, c_threads, c_queue, c_cores;
  gint64 end = 0;

  n_threads = MAX (1, n_threads);
  /* Four fifths on threads, one fifth (every fourth) on the timers lane. */
  per_lane = MAX (1, n_spans * 4 / 5 / n_threads);

  for (guint t = 0; t < n_threads; t++)
    {
      g_autofree char *name = t == 0 ? g_strdup ("Main") : g_strdup_printf ("Pool-%u", t);

      awaitlab_timeline_add_lane (timeline, AWAITLAB_LANE_THREAD,
                                  t == 0 ? AWAITLAB_THREAD_MAIN : AWAITLAB_THREAD_POOL,
                                  t + 1, name);
    }
  async_lane = awaitlab_timeline_add_lane (timeline, AWAITLAB_LANE_ASYNC, AWAITLAB_THREAD_TIMER,
                                           -1, "Timers & I/O");
  c_threads = awaitlab_timeline_add_counter (timeline, "Pool threads");
  c_queue = awaitlab_timeline_add_counter (timeline, "Queued items");
  c_cores = awaitlab_timeline_add_counter (timeline, "Busy cores");

  for (guint t = 0; t < n_threads; t++)
    {
      /* Later pool threads are injected later, as in a starving pool. */
      gint64 now = (gint64)t * 500000000 / n_threads;

      if (t > 1)
        awaitlab_timeline_add_mark (timeline, now, t, AWAITLAB_MARK_INJECTION, "Injected");

      for (guint i = 0; i < per_lane; i++)
        {
          AwaitlabSpan span = { 0 };
          guint r = g_rand_int_range (rand, 0, 100);

          span.begin = now;
          span.end = now + g_rand_int_range (rand, 5000, 200000);
          span.state = r < 50 ? AWAITLAB_SPAN_RUNNING
                     : r < 65 ? AWAITLAB_SPAN_READY
                     : r < 80 ? AWAITLAB_SPAN_BLOCKED
                     : AWAITLAB_SPAN_IDLE;
          span.line = 1 + g_rand_int_range (rand, 0, 40);
          span.task = -1;
          span.label = methods[g_rand_int_range (rand, 0, G_N_ELEMENTS (methods))];
          span.detail = span.state == AWAITLAB_SPAN_BLOCKED ? "Blocked: .Result" : NULL;
          awaitlab_timeline_add_span (timeline, t, &span);
          awaitlab_timeline_add_event (timeline, span.begin, t, span.line);

          if (i % 8 == 0 && n_threads > 1)
            {
              AwaitlabFlow flow = { t, span.end, (t + 1) % n_threads, span.end + 30000,
                                    i % 16 == 0 ? AWAITLAB_FLOW_QUEUED : AWAITLAB_FLOW_POSTED };
              awaitlab_timeline_add_flow (timeline, &flow);
            }
          if (i % 4 == 0)
            {
              AwaitlabSpan io = { span.begin, span.begin + g_rand_int_range (rand, 100000, 3000000),
                                  i % 8 == 0 ? AWAITLAB_SPAN_TIMER : AWAITLAB_SPAN_IO, 0, 0, -1,
                                  i % 8 == 0 ? "Delay(1)" : "HTTP GET", NULL };
              awaitlab_timeline_add_span (timeline, async_lane, &io);
            }
          now = span.end;
        }
      end = MAX (end, now);
    }

  for (gint64 t = 0; t < end; t += MAX (1, end / 2000))
    {
      awaitlab_timeline_add_counter_point (timeline, c_threads, t, 1 + (double)t * (n_threads - 1) / end);
      awaitlab_timeline_add_counter_point (timeline, c_queue, t, g_rand_int_range (rand, 0, 40));
      awaitlab_timeline_add_counter_point (timeline, c_cores, t, g_rand_int_range (rand, 0, 5));
    }

  awaitlab_timeline_set_outcome (timeline, AWAITLAB_OUTCOME_COMPLETED, "Completed");
  awaitlab_timeline_finish (timeline, end);

  return timeline;
}

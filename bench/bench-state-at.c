/* bench-state-at.c
 *
 * state-at: runs a synthetic program producing about --events trace events (async
 * workers awaiting timers, CPU, yields), then rebuilds the state at --samples evenly
 * spread event indices and prints the average and worst time per call.
 */

#include "awaitlab-bench.h"
#include "awl-runtime.h"

typedef struct
{
  AwlFrame  parent;
  int       pc;
  int       rounds;
  AwlObject *task;
} Worker;

typedef struct
{
  AwlFrame   parent;
  int        pc;
  int        workers;
  AwlObject **tasks;
} Driver;

static void
worker_step (AwlFrame *frame,
             AwlStep  *s)
{
  Worker *w = (Worker *) frame;

  for (;;)
    switch (w->pc)
      {
      case 0:
        if (w->rounds-- <= 0)
          {
            awl_step_return (s, awl_value_null ());
            return;
          }
        w->task = awl_sim_delay (s->sim, AWL_MS (1 + w->rounds % 7), NULL);
        frame->line = 3;
        frame->state++;
        w->pc = 1;
        awl_step_await (s, w->task, TRUE);
        return;
      case 1:
        frame->line = 4;
        w->pc = 2;
        awl_step_cpu (s, AWL_US (300));
        return;
      case 2:
        w->pc = 0;
        frame->state++;
        awl_step_await_yield (s);
        return;
      default:
        g_assert_not_reached ();
      }
}

static void
frame_free (AwlFrame *frame)
{
  g_free (frame);
}

static const AwlFrameClass worker_class = { "WorkerAsync", AWL_FRAME_ASYNC, worker_step, frame_free };

static void
driver_step (AwlFrame *frame,
             AwlStep  *s)
{
  Driver *d = (Driver *) frame;

  if (d->pc < d->workers)
    {
      Worker *w = g_new0 (Worker, 1);

      if (d->pc > 0 && s->resume == AWL_RESUME_VALUE)
        d->tasks[d->pc - 1] = s->value.o;
      awl_frame_init (&w->parent, &worker_class);
      w->rounds = 20;
      d->pc++;
      awl_step_call (s, &w->parent);
      return;
    }
  if (d->pc == d->workers)
    {
      d->tasks[d->pc - 1] = s->value.o;
      d->pc++;
      awl_step_await (s, awl_sim_when_all (s->sim, d->tasks, d->workers), TRUE);
      return;
    }
  g_free (d->tasks);
  d->tasks = NULL;
  awl_step_return (s, awl_value_null ());
}

static void
driver_free (AwlFrame *frame)
{
  g_free (((Driver *) frame)->tasks);
  g_free (frame);
}

static const AwlFrameClass driver_class = { "Main", AWL_FRAME_ASYNC, driver_step, driver_free };

static AwlFrame *
entry (AwlSim  *sim,
       guint    index,
       gpointer data)
{
  Driver *d = g_new0 (Driver, 1);

  awl_frame_init (&d->parent, &driver_class);
  d->workers = GPOINTER_TO_INT (data);
  d->tasks = g_new0 (AwlObject *, d->workers);
  return &d->parent;
}

static int
bench_state_at_main (int    argc,
                     char **argv)
{
  gint64 target = 100000, samples = 200;
  GOptionEntry entries[] = {
    { "events", 0, 0, G_OPTION_ARG_INT64, &target, "Approximate trace events", "N" },
    { "samples", 0, 0, G_OPTION_ARG_INT64, &samples, "state_at calls", "K" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("- state_at speed");
  g_autoptr(GError) error = NULL;
  AwlSim *sim;
  AwlTrace *trace;
  guint n;
  gint64 t0, t1, worst = 0, total = 0, first;
  int workers;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || target < 1000 || samples < 1)
    {
      g_printerr ("state-at: %s\n", error ? error->message : "bad arguments");
      return 2;
    }
  /* About 17 events per worker round, 20 rounds. */
  workers = MAX (1, (int) (target / 340));
  sim = awl_sim_new (NULL, entry, GINT_TO_POINTER (workers), NULL);
  t0 = g_get_monotonic_time ();
  awl_sim_run (sim, NULL);
  t1 = g_get_monotonic_time ();
  trace = awl_sim_get_trace (sim);
  awl_sim_free (sim);
  awl_trace_get_events (trace, &n);
  g_print ("events: %u\n", n);
  g_print ("simulate_ms: %.1f\n", (t1 - t0) / 1e3);

  /* The first call builds the snapshots. */
  t0 = g_get_monotonic_time ();
  awl_state_free (awl_trace_state_at (trace, n / 2));
  first = g_get_monotonic_time () - t0;

  for (gint64 k = 0; k < samples; k++)
    {
      guint index = (guint) ((k * 7919) % n);
      gint64 dt;

      t0 = g_get_monotonic_time ();
      awl_state_free (awl_trace_state_at (trace, index));
      dt = g_get_monotonic_time () - t0;
      total += dt;
      worst = MAX (worst, dt);
    }
  g_print ("first_call_ms: %.2f\n", first / 1e3);
  g_print ("state_at_avg_ms: %.3f\n", total / 1e3 / samples);
  g_print ("state_at_max_ms: %.3f\n", worst / 1e3);
  awl_trace_unref (trace);
  return 0;
}

AWL_BENCH_COMMAND (state_at, "state-at", "--events N --samples K   (trace state rebuild speed)", bench_state_at_main)

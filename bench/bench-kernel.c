/* bench-kernel.c
 *
 * kernel: the hold model on the event queue alone. N events are pending; each step pops
 * the earliest and pushes a new one a random distance in the future, so the queue size
 * stays N. Prints events_per_sec (one event = one pop + one push).
 *
 * With --vs-simpy it then runs SimPy's hold model (SimPy 2.3, Debian's python3-simpy:
 * N processes, each looping `yield hold` for a random 1 ns–10 ms) in the same run and
 * prints both rates and the ratio. The ratio is taken on CPU time, which a busy machine
 * disturbs far less than wall time; both are printed.
 */

#include <string.h>
#include <time.h>

#include "awaitlab-bench.h"
#include "awl-heap.h"

/* SimPy 2.3's hold model; argv: pending, events. Prints simpy_* lines. */
static const char simpy_hold_py[] =
  "import sys, time, random\n"
  "from SimPy.Simulation import Process, hold, initialize, activate, simulate, stopSimulation\n"
  "pending, events = int(sys.argv[1]), int(sys.argv[2])\n"
  "count = [0]\n"
  "class Holder(Process):\n"
  "    def run(self, rnd):\n"
  "        while True:\n"
  "            yield hold, self, 1e-9 + rnd.random() * 0.01\n"
  "            count[0] += 1\n"
  "            if count[0] >= events:\n"
  "                stopSimulation()\n"
  "initialize()\n"
  "rnd = random.Random(1)\n"
  "for i in range(pending):\n"
  "    p = Holder()\n"
  "    activate(p, p.run(rnd), at=rnd.random() * 0.1)\n"
  "wall, cpu = time.perf_counter(), time.process_time()\n"
  "simulate(until=1e18)\n"
  "wall, cpu = time.perf_counter() - wall, time.process_time() - cpu\n"
  "print('simpy_events: %d' % count[0])\n"
  "print('simpy_seconds: %.3f' % wall)\n"
  "print('simpy_cpu_seconds: %.3f' % cpu)\n";

static guint64
xorshift (guint64 *s)
{
  guint64 x = *s;

  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *s = x;
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Runs the hold model; returns the checksum, and the wall and CPU seconds. */
static guint64
hold_model (gint64  pending,
            gint64  events,
            double *wall,
            double *cpu)
{
  AwlHeap heap;
  AwlHeapEntry e;
  guint64 seed = 0x9e3779b97f4a7c15ull, checksum = 0;
  gint64 start;
  double cpu_start;

  awl_heap_init (&heap);
  for (gint64 i = 0; i < pending; i++)
    awl_heap_push (&heap, xorshift (&seed) % AWL_MS (100), 0, 0, NULL);

  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds ();
  for (gint64 i = 0; i < events; i++)
    {
      awl_heap_pop (&heap, &e);
      checksum += e.seq;
      /* Exponential-ish spread: mostly near, sometimes far, like timers and slices. */
      awl_heap_push (&heap, e.time + 1 + (xorshift (&seed) % AWL_MS (10)), 0, 0, NULL);
    }
  *cpu = MAX (cpu_seconds () - cpu_start, 1e-9);
  *wall = MAX ((g_get_monotonic_time () - start) / 1e6, 1e-9);
  awl_heap_clear (&heap);
  return checksum;
}

/* A Python 3 that can import SimPy 2.3, or NULL. Debian installs SimPy for its own
 * /usr/bin/python3, which may not be the first python3 on PATH. */
static char *
find_simpy_python (void)
{
  const char *candidates[] = { "/usr/bin/python3", "python3", NULL };

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      const char *argv[] = { candidates[i], "-c", "import SimPy.Simulation", NULL };
      int status = 0;

      if (g_spawn_sync (NULL, (char **) argv, NULL,
                        G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, &status, NULL)
          && g_spawn_check_wait_status (status, NULL))
        return g_strdup (candidates[i]);
    }
  return NULL;
}

static double
field (const char *out,
       const char *name)
{
  const char *p = strstr (out, name);

  return p ? g_ascii_strtod (p + strlen (name), NULL) : -1;
}

/* Runs SimPy's hold model; FALSE (with a message printed) when it cannot. */
static gboolean
simpy_hold (gint64  pending,
            gint64  events,
            double *rate_wall,
            double *rate_cpu)
{
  g_autofree char *python = find_simpy_python ();
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *n_pending = g_strdup_printf ("%" G_GINT64_FORMAT, pending);
  g_autofree char *n_events = g_strdup_printf ("%" G_GINT64_FORMAT, events);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, "-c", simpy_hold_py, n_pending, n_events, NULL };
  double done, wall, cpu;
  int status = 0;

  if (python == NULL)
    {
      g_print ("simpy: skipped: no python3 can import SimPy 2.3 (Debian: apt-get install python3-simpy)\n");
      return FALSE;
    }
  argv[0] = python;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_print ("simpy: skipped: %s %s\n", error->message, err ? err : "");
      return FALSE;
    }
  done = field (out, "simpy_events: ");
  wall = field (out, "simpy_seconds: ");
  cpu = field (out, "simpy_cpu_seconds: ");
  if (done <= 0 || wall <= 0 || cpu <= 0)
    {
      g_print ("simpy: skipped: unexpected output: %s\n", out);
      return FALSE;
    }
  *rate_wall = done / wall;
  *rate_cpu = done / cpu;
  return TRUE;
}

static int
bench_kernel_main (int    argc,
                   char **argv)
{
  gint64 pending = 1000, events = 10000000, simpy_events = 500000;
  gboolean vs_simpy = FALSE;
  GOptionEntry entries[] = {
    { "pending", 0, 0, G_OPTION_ARG_INT64, &pending, "Events pending in the queue", "N" },
    { "events", 0, 0, G_OPTION_ARG_INT64, &events, "Events to process", "M" },
    { "vs-simpy", 0, 0, G_OPTION_ARG_NONE, &vs_simpy, "Also run SimPy's hold model and print the ratio", NULL },
    { "simpy-events", 0, 0, G_OPTION_ARG_INT64, &simpy_events, "Events for SimPy (default 500000)", "M" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("- event queue hold model");
  g_autoptr(GError) error = NULL;
  guint64 checksum;
  double wall, cpu, simpy_wall, simpy_cpu;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || pending < 1 || events < 1
      || simpy_events < 1)
    {
      g_printerr ("kernel: %s\n", error ? error->message : "N and M must be positive");
      return 2;
    }

  checksum = hold_model (pending, events, &wall, &cpu);
  g_print ("pending: %" G_GINT64_FORMAT "\n", pending);
  g_print ("events: %" G_GINT64_FORMAT "\n", events);
  g_print ("seconds: %.3f\n", wall);
  g_print ("cpu_seconds: %.3f\n", cpu);
  g_print ("checksum: %" G_GUINT64_FORMAT "\n", checksum);
  g_print ("events_per_sec: %.0f\n", events / wall);
  g_print ("events_per_cpu_sec: %.0f\n", events / cpu);
  if (vs_simpy && simpy_hold (pending, simpy_events, &simpy_wall, &simpy_cpu))
    {
      g_print ("simpy_events_per_sec: %.0f\n", simpy_wall);
      g_print ("simpy_events_per_cpu_sec: %.0f\n", simpy_cpu);
      g_print ("ratio_wall: %.1f\n", events / wall / simpy_wall);
      g_print ("ratio: %.1f\n", events / cpu / simpy_cpu);
    }
  return 0;
}

AWL_BENCH_COMMAND (kernel, "kernel", "--pending N --events M [--vs-simpy]", bench_kernel_main)

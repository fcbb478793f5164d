/* bench-kernel.c
 *
 * kernel: the hold model on the event queue alone. N events are pending; each step pops
 * the earliest and pushes a new one a random distance in the future, so the queue size
 * stays N. Prints events_per_sec (one event = one pop + one push).
 */

#include "awaitlab-bench.h"
#include "awl-heap.h"

static guint64
xorshift (guint64 *s)
{
  guint64 x = *s;

  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *s = x;
}

static int
bench_kernel_main (int    argc,
                   char **argv)
{
  gint64 pending = 1000, events = 10000000;
  GOptionEntry entries[] = {
    { "pending", 0, 0, G_OPTION_ARG_INT64, &pending, "Events pending in the queue", "N" },
    { "events", 0, 0, G_OPTION_ARG_INT64, &events, "Events to process", "M" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("- event queue hold model");
  g_autoptr(GError) error = NULL;
  AwlHeap heap;
  AwlHeapEntry e;
  guint64 seed = 0x9e3779b97f4a7c15ull, checksum = 0;
  gint64 start, end;
  double secs;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || pending < 1 || events < 1)
    {
      g_printerr ("kernel: %s\n", error ? error->message : "N and M must be positive");
      return 2;
    }

  awl_heap_init (&heap);
  for (gint64 i = 0; i < pending; i++)
    awl_heap_push (&heap, xorshift (&seed) % AWL_MS (100), 0, 0, NULL);

  start = g_get_monotonic_time ();
  for (gint64 i = 0; i < events; i++)
    {
      awl_heap_pop (&heap, &e);
      checksum += e.seq;
      /* Exponential-ish spread: mostly near, sometimes far, like timers and slices. */
      awl_heap_push (&heap, e.time + 1 + (xorshift (&seed) % AWL_MS (10)), 0, 0, NULL);
    }
  end = g_get_monotonic_time ();
  secs = MAX ((end - start) / 1e6, 1e-9);

  g_print ("pending: %" G_GINT64_FORMAT "\n", pending);
  g_print ("events: %" G_GINT64_FORMAT "\n", events);
  g_print ("seconds: %.3f\n", secs);
  g_print ("checksum: %" G_GUINT64_FORMAT "\n", checksum);
  g_print ("events_per_sec: %.0f\n", events / secs);
  awl_heap_clear (&heap);
  return 0;
}

AWL_BENCH_COMMAND (kernel, "kernel", "--pending N --events M", bench_kernel_main)

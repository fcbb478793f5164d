/* test-heap.c
 *
 * The event queue pops in (time, sequence) order whatever the mix of pushes and pops:
 * checked against a sorted copy, with equal times, a pop left pending (the hole a push
 * then fills) and growth past the first allocation.
 */

#include "awl-heap.h"

typedef struct
{
  AwlTime time;
  guint64 seq;
} Key;

static int
key_cmp (gconstpointer a,
         gconstpointer b)
{
  const Key *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
test_heap_total_order (void)
{
  AwlHeap heap;
  AwlHeapEntry e;
  GArray *live = g_array_new (FALSE, FALSE, sizeof (Key));
  GRand *rand = g_rand_new_with_seed (7);
  AwlTime now = 0;

  awl_heap_init (&heap);
  for (guint step = 0; step < 200000; step++)
    {
      /* More pushes than pops at first (growth), then balanced, like a run. */
      gboolean push = live->len == 0 || g_rand_int_range (rand, 0, 100) < (step < 5000 ? 70 : 50);

      if (push)
        {
          /* Coarse times so that many are equal: the sequence must break the ties. */
          Key k = { now + g_rand_int_range (rand, 0, 20) * 1000, 0 };

          guint lo = 0, hi;

          k.seq = awl_heap_push (&heap, k.time, step, 0, NULL);
          /* Keep @live sorted: insert after every key that is smaller. */
          for (hi = live->len; lo < hi;)
            {
              guint mid = (lo + hi) / 2;

              if (key_cmp (&g_array_index (live, Key, mid), &k) < 0)
                lo = mid + 1;
              else
                hi = mid;
            }
          g_array_insert_val (live, lo, k);
        }
      else
        {
          Key *first = &g_array_index (live, Key, 0);

          g_assert_true (awl_heap_pop (&heap, &e));
          g_assert_cmpint (e.time, ==, first->time);
          g_assert_cmpuint (e.seq, ==, first->seq);
          now = e.time;
          g_array_remove_index (live, 0);
        }
      g_assert_cmpuint (awl_heap_size (&heap), ==, live->len);
    }
  while (awl_heap_pop (&heap, &e))
    ;
  g_assert_cmpuint (awl_heap_size (&heap), ==, 0);
  awl_heap_clear (&heap);
  g_rand_free (rand);
  g_array_unref (live);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/heap/total-order", test_heap_total_order);
  return g_test_run ();
}

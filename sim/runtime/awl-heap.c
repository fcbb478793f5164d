/* awl-heap.c
 *
 * A 4-ary heap: half the depth of a binary heap, and the four children of a node
 * share a cache line pair, which is what keeps 100,000 pending events fast.
 */

#include "awl-heap.h"

#define ARITY 4

static inline gboolean
entry_less (const AwlHeapEntry *a,
            const AwlHeapEntry *b)
{
  return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

void
awl_heap_init (AwlHeap *heap)
{
  heap->entries = NULL;
  heap->len = 0;
  heap->cap = 0;
  heap->next_seq = 0;
}

void
awl_heap_clear (AwlHeap *heap)
{
  g_clear_pointer (&heap->entries, g_free);
  heap->len = heap->cap = 0;
}

guint64
awl_heap_push (AwlHeap  *heap,
               AwlTime   time,
               guint32   kind,
               guint32   gen,
               gpointer  data)
{
  AwlHeapEntry e = { time, heap->next_seq++, kind, gen, data };
  gsize i;

  if (heap->len == heap->cap)
    {
      heap->cap = heap->cap ? heap->cap * 2 : 256;
      heap->entries = g_renew (AwlHeapEntry, heap->entries, heap->cap);
    }

  /* Sift up with a hole instead of swaps. */
  i = heap->len++;
  while (i > 0)
    {
      gsize parent = (i - 1) / ARITY;

      if (!entry_less (&e, &heap->entries[parent]))
        break;
      heap->entries[i] = heap->entries[parent];
      i = parent;
    }
  heap->entries[i] = e;
  return e.seq;
}

gboolean
awl_heap_pop (AwlHeap      *heap,
              AwlHeapEntry *out)
{
  AwlHeapEntry last;
  AwlHeapEntry *es = heap->entries;
  gsize n, i = 0;

  if (heap->len == 0)
    return FALSE;

  *out = es[0];
  n = --heap->len;
  if (n == 0)
    return TRUE;
  last = es[n];

  for (;;)
    {
      gsize first = i * ARITY + 1;
      gsize best, end, c;

      if (first >= n)
        break;
      best = first;
      end = MIN (first + ARITY, n);
      for (c = first + 1; c < end; c++)
        if (entry_less (&es[c], &es[best]))
          best = c;
      if (!entry_less (&es[best], &last))
        break;
      es[i] = es[best];
      i = best;
    }
  es[i] = last;
  return TRUE;
}

/* awl-heap.c
 *
 * A 4-ary heap: half the depth of a binary heap. The storage is offset so that the four
 * children of a node fill one 128-byte block (two cache lines), and the (time, sequence)
 * key compares as one 128-bit number, without branches.
 *
 * The run loop pops an event and its handler usually pushes the next one (a slice, a
 * wake-up, a timer). A pop therefore leaves a hole at the root instead of filling it at
 * once: a push that follows drops its entry into the hole and sifts it down, one pass
 * instead of two. Any other operation fills the hole first. The order in which entries
 * come out is the total (time, sequence) order either way.
 */

#include <string.h>

#include "awl-heap.h"

#define ARITY     4
#define PAD       3      /* logical index i lives at storage[i + PAD]: children groups aligned */
#define ALIGNMENT (ARITY * sizeof (AwlHeapEntry))

G_STATIC_ASSERT (sizeof (AwlHeapEntry) == 32);

static inline unsigned __int128
entry_key (const AwlHeapEntry *e)
{
  /* Times are never negative, so the unsigned order is the order of (time, seq). */
  return ((unsigned __int128) (guint64) e->time << 64) | e->seq;
}

static inline gboolean
entry_less (const AwlHeapEntry *a,
            const AwlHeapEntry *b)
{
  return entry_key (a) < entry_key (b);
}

void
awl_heap_init (AwlHeap *heap)
{
  memset (heap, 0, sizeof *heap);
}

void
awl_heap_clear (AwlHeap *heap)
{
  if (heap->storage != NULL)
    g_aligned_free (heap->storage);
  awl_heap_init (heap);
}

static void
grow (AwlHeap *heap)
{
  gsize cap = heap->cap ? heap->cap * 2 : 256;
  AwlHeapEntry *storage = g_aligned_alloc (cap + PAD + 1, sizeof (AwlHeapEntry), ALIGNMENT);

  if (heap->len > 0)
    memcpy (storage + PAD, heap->entries, heap->len * sizeof (AwlHeapEntry));
  if (heap->storage != NULL)
    g_aligned_free (heap->storage);
  heap->storage = storage;
  heap->entries = storage + PAD;
  heap->cap = cap;
}

/* Puts @e at index @i (a hole) and moves it down to its place among the first @n. */
static inline void
sift_down (AwlHeapEntry       *es,
           gsize               n,
           gsize               i,
           const AwlHeapEntry *e)
{
  unsigned __int128 key = entry_key (e);

  for (;;)
    {
      gsize first = i * ARITY + 1;
      gsize last = MIN (first + ARITY, n);
      gsize best = first;
      unsigned __int128 best_key;

      if (first >= n)
        break;
      best_key = entry_key (&es[first]);
      for (gsize c = first + 1; c < last; c++)
        {
          unsigned __int128 k = entry_key (&es[c]);
          gboolean lt = k < best_key;

          best = lt ? c : best;
          best_key = lt ? k : best_key;
        }
      if (best_key >= key)
        break;
      es[i] = es[best];
      i = best;
    }
  es[i] = *e;
}

/* A pop left the root empty: move the last entry into it. */
static inline void
fill_hole (AwlHeap *heap)
{
  gsize n;

  heap->hole = FALSE;
  n = --heap->len;
  if (n > 0)
    {
      AwlHeapEntry last = heap->entries[n];

      sift_down (heap->entries, n, 0, &last);
    }
}

guint64
awl_heap_push (AwlHeap  *heap,
               AwlTime   time,
               guint32   kind,
               guint32   gen,
               gpointer  data)
{
  AwlHeapEntry e = { time, heap->next_seq++, kind, gen, data };
  AwlHeapEntry *es;
  gsize i;

  g_assert (time >= 0);
  if (heap->hole)
    {
      /* The popped root's slot: the new entry sinks from there. */
      heap->hole = FALSE;
      sift_down (heap->entries, heap->len, 0, &e);
      return e.seq;
    }
  if (heap->len == heap->cap)
    grow (heap);

  /* Sift up with a hole instead of swaps. */
  es = heap->entries;
  i = heap->len++;
  while (i > 0)
    {
      gsize parent = (i - 1) / ARITY;

      if (!entry_less (&e, &es[parent]))
        break;
      es[i] = es[parent];
      i = parent;
    }
  es[i] = e;
  return e.seq;
}

gboolean
awl_heap_pop (AwlHeap      *heap,
              AwlHeapEntry *out)
{
  if (heap->hole)
    fill_hole (heap);
  if (heap->len == 0)
    return FALSE;
  *out = heap->entries[0];
  heap->hole = TRUE;
  return TRUE;
}

gsize
awl_heap_size (const AwlHeap *heap)
{
  return heap->len - (heap->hole ? 1 : 0);
}

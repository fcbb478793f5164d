/* awl-heap.h
 *
 * The event queue: a 4-ary min-heap keyed by (time, sequence number). The sequence
 * number makes the order total, so equal times pop in insertion order and a run is
 * deterministic. Entries are plain 32-byte structs; deletion is lazy (the owner marks
 * its payload stale through the generation number).
 */

#pragma once

#include "awl-value.h"

G_BEGIN_DECLS

typedef struct
{
  AwlTime   time;
  guint64   seq;
  guint32   kind;
  guint32   gen;
  gpointer  data;
} AwlHeapEntry;

typedef struct
{
  AwlHeapEntry *entries;                /* logical index 0 = the root */
  AwlHeapEntry *storage;                /* aligned allocation that holds @entries */
  gsize         len;                    /* slots in use, the hole included */
  gsize         cap;
  guint64       next_seq;
  gboolean      hole;                   /* the root was popped and not refilled yet */
} AwlHeap;

/* Initialises an empty heap. */
void     awl_heap_init  (AwlHeap      *heap);
/* Frees the storage (not the payloads). */
void     awl_heap_clear (AwlHeap      *heap);
/* Inserts an entry at @time (never negative); returns its sequence number. */
guint64  awl_heap_push  (AwlHeap      *heap,
                         AwlTime       time,
                         guint32       kind,
                         guint32       gen,
                         gpointer      data);
/* Removes the smallest entry into *@out; FALSE when empty. */
gboolean awl_heap_pop   (AwlHeap      *heap,
                         AwlHeapEntry *out);
/* The number of entries. */
gsize    awl_heap_size  (const AwlHeap *heap);

G_END_DECLS

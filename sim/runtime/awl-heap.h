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
  AwlHeapEntry *entries;
  gsize         len;
  gsize         cap;
  guint64       next_seq;
} AwlHeap;

/* Initialises an empty heap. */
void     awl_heap_init  (AwlHeap      *heap);
/* Frees the storage (not the payloads). */
void     awl_heap_clear (AwlHeap      *heap);
/* Inserts an entry at @time; returns its sequence number. */
guint64  awl_heap_push  (AwlHeap      *heap,
                         AwlTime       time,
                         guint32       kind,
                         guint32       gen,
                         gpointer      data);
/* Removes the smallest entry into *@out; FALSE when empty. */
gboolean awl_heap_pop   (AwlHeap      *heap,
                         AwlHeapEntry *out);
/* The smallest entry without removing it, or NULL. */
static inline const AwlHeapEntry *
awl_heap_peek (const AwlHeap *heap)
{
  return heap->len ? &heap->entries[0] : NULL;
}

G_END_DECLS

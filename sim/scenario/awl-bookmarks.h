/* awl-bookmarks.h
 *
 * The steps of a run that matter to a lesson: each quiz (asked before the run), every
 * `@note` line the first time it executes, the moment a deadlock closes, and the end.
 * Presentation mode jumps between them with PageDown/PageUp and the "steps" export
 * writes one picture per bookmark, so both show the same steps.
 *
 *   g_autoptr(GArray) marks = awl_bookmarks_collect (scenario, trace);
 *   for (guint i = 0; i < marks->len; i++)
 *     {
 *       const AwlBookmark *m = &g_array_index (marks, AwlBookmark, i);
 *       g_print ("%u %s %s\n", m->event_index, awl_bookmark_kind_to_string (m->kind), m->label);
 *     }
 */

#pragma once

#include "awl-scenario.h"

G_BEGIN_DECLS

typedef enum
{
  AWL_BOOKMARK_QUIZ,       /* a @quiz: asked before the run (event 0, time 0) */
  AWL_BOOKMARK_NOTE,       /* a @note line, the first time an event runs on it */
  AWL_BOOKMARK_DEADLOCK,   /* the last event of the deadlock's participants */
  AWL_BOOKMARK_END,        /* the run's last event */
} AwlBookmarkKind;

typedef struct
{
  guint            event_index;  /* index into awl_trace_get_events() */
  AwlTime          time;         /* that event's virtual time */
  AwlBookmarkKind  kind;
  int              line;         /* the code line (notes, deadlock), 0 = none */
  guint            source_index; /* the quiz's / note's index in the scenario, else 0 */
  char            *label;        /* one short line ("Quiz: Does this program finish?") */
} AwlBookmark;

/* "quiz", "note", "deadlock", "end". */
const char *awl_bookmark_kind_to_string (AwlBookmarkKind kind);

/* The bookmarks of @trace (a run of @scenario) in the order they happen: by event
 * index, and at one event quizzes, then notes in line order, then the deadlock, then
 * the end. Notes whose line never runs have no bookmark. Returns a GArray of
 * AwlBookmark (clear func set: the labels are freed with the array); never NULL. */
GArray     *awl_bookmarks_collect       (AwlScenario *scenario,
                                         AwlTrace    *trace);

/* The index in @bookmarks of the first bookmark after event @event_index (PageDown),
 * or -1 when there is none. */
int         awl_bookmarks_find_next     (GArray      *bookmarks,
                                         guint        event_index);
/* The index of the last bookmark before event @event_index (PageUp), or -1. */
int         awl_bookmarks_find_previous (GArray      *bookmarks,
                                         guint        event_index);

G_END_DECLS

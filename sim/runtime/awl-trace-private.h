/* awl-trace-private.h
 *
 * The trace's writer side: what the simulator calls while a run records its trace.
 */

#pragma once

#include "awl-trace.h"

G_BEGIN_DECLS

AwlTrace    *awl_trace_new_internal  (const AwlConfig *config);
const char  *awl_trace_intern        (AwlTrace *trace, const char *str);
const char  *awl_trace_insert        (AwlTrace *trace, const char *str);
GArray      *awl_trace_events_array  (AwlTrace *trace);
void         awl_trace_add_thread    (AwlTrace *trace, guint id, AwlThreadKind kind,
                                      const char *name, AwlTime created);
void         awl_trace_thread_exited (AwlTrace *trace, guint id, AwlTime time);
void         awl_trace_add_task      (AwlTrace *trace, guint id, AwlTaskKind kind,
                                      const char *name, AwlTime created, int line);
void         awl_trace_task_status   (AwlTrace *trace, guint id, AwlTaskStatus status,
                                      AwlTime time);
void         awl_trace_set_task_name (AwlTrace *trace, guint id, const char *name);
void         awl_trace_add_lint      (AwlTrace *trace, const AwlLint *lint);
void         awl_trace_set_outcome   (AwlTrace *trace, const AwlOutcome *outcome,
                                      const char * const *chain, guint n_chain);
void         awl_trace_set_stats     (AwlTrace *trace, const AwlStats *stats);
void         awl_trace_set_deadlock_participants (AwlTrace *trace, const guint *threads,
                                      guint n_threads, const guint *tasks, guint n_tasks,
                                      int cycle_start);
void         awl_trace_freeze        (AwlTrace *trace);

G_END_DECLS

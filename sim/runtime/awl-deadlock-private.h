/* awl-deadlock-private.h
 *
 * The deadlock analyser: explains why nothing can move any more. It only reads the
 * simulator's state; the run loop decides what to do with the report.
 */

#pragma once

#include "awl-sim-private.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray *chain;                    /* const char *, interned in the trace: the wait-for chain */
  GArray    *threads;                  /* guint thread ids, in chain order */
  GArray    *tasks;                    /* guint task ids, in chain order */
  int        cycle_start;              /* index in @threads where the mutual wait begins; -1 = dead end */
} AwlDeadlockReport;

AwlDeadlockReport *awl_deadlock_analyse     (AwlSim            *sim);
void               awl_deadlock_report_free (AwlDeadlockReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwlDeadlockReport, awl_deadlock_report_free)

G_END_DECLS

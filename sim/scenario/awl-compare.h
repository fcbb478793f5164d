/* awl-compare.h
 *
 * Two runs of one scenario side by side (compare mode, `awaitlab compare`): what
 * differs in outcome, end time, threads and where each continuation ran. The app
 * and the command line share this, so both say the same thing.
 */

#pragma once

#include "awl-scenario.h"

G_BEGIN_DECLS

typedef struct
{
  char     *what;       /* "outcome", "end time", "GetDataAsync after await 0" */
  char     *a;          /* A's value in words */
  char     *b;
  gboolean  differs;
} AwlCompareRow;

typedef struct
{
  AwlOutcomeKind  outcome_a;
  AwlOutcomeKind  outcome_b;
  AwlTime         end_a;
  AwlTime         end_b;
  guint           peak_pool_a;
  guint           peak_pool_b;
  /* AwlCompareRow: outcome, end time, peak pool threads, threads, then one row
   * per resumed await point (method + state) in order of first resumption. */
  GPtrArray      *rows;
  guint           n_differences;
} AwlComparison;

void           awl_comparison_free   (AwlComparison *comparison);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwlComparison, awl_comparison_free)

/* Compares two finished traces. */
AwlComparison *awl_compare_traces    (AwlTrace            *a,
                                      AwlTrace            *b);
/* Runs @scenario twice (with @a then @b; either may be NULL) and compares the
 * traces; the traces are returned through @out_a / @out_b when non-NULL.
 * NULL with AWL_SCENARIO_ERROR_KNOB for a bad override. */
AwlComparison *awl_compare_run       (AwlScenario         *scenario,
                                      const AwlKnobValues *a,
                                      const AwlKnobValues *b,
                                      GCancellable        *cancellable,
                                      AwlTrace           **out_a,
                                      AwlTrace           **out_b,
                                      GError             **error);
/* "ConfigureAwait=true, cores=1" or "defaults". Free with g_free. */
char          *awl_knob_values_describe (const AwlKnobValues *values);
/* The summary as text, one row a line, differing rows marked with "*" (ASCII: it goes to any terminal). */
char          *awl_comparison_format (const AwlComparison *comparison,
                                      const char          *label_a,
                                      const char          *label_b);

G_END_DECLS

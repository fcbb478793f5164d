/* awl-budget.c
 *
 * The budgets of one run, besides the runtime's own (events, virtual time,
 * threads, tasks, call depth): interpreter instructions, with built-ins charged by
 * the work they do; bytes of strings, arrays and collections made by the run; and
 * console output. Work is charged before it is done, so that one call such as
 * "x".PadLeft(2000000000) is refused instead of taking the machine down. Each
 * default is far above what a classroom scenario needs.
 */

#include "awl-scenario-private.h"

/* Work counted as one instruction: copying this many bytes. */
#define BYTES_PER_INSN 16

static void
stop (AwlRun     *run,
      AwlLimit    limit,
      const char *reason)
{
  if (!run->stopped)
    awl_sim_stop (run->sim, limit, reason);
  run->stopped = TRUE;
}

gboolean
awl_run_charge (AwlRun  *run,
                guint64  work,
                guint64  bytes)
{
  work += bytes / BYTES_PER_INSN;
  if (run->stopped)
    return FALSE;
  if (bytes > run->byte_limit - MIN (run->bytes, run->byte_limit))
    {
      stop (run, AWL_LIMIT_MEMORY,
            awl_sim_intern_printf (run->sim, "the run made more than %" G_GUINT64_FORMAT
                                   " MB of strings, arrays and collections",
                                   run->byte_limit >> 20));
      return FALSE;
    }
  if (work > run->insn_limit - MIN (run->insns, run->insn_limit))
    {
      stop (run, AWL_LIMIT_INSTRUCTIONS,
            awl_sim_intern_printf (run->sim, "more than %" G_GUINT64_FORMAT
                                   " instructions (a loop that never ends?)", run->insn_limit));
      return FALSE;
    }
  run->bytes += bytes;
  run->insns += work;
  return TRUE;
}

gboolean
awl_run_charge_output (AwlRun *run,
                       gsize   length)
{
  if (run->stopped)
    return FALSE;
  if (run->output_lines >= AWL_BUDGET_OUTPUT_LINES ||
      length > AWL_BUDGET_OUTPUT_BYTES - MIN (run->output_bytes, AWL_BUDGET_OUTPUT_BYTES))
    {
      stop (run, AWL_LIMIT_OUTPUT,
            awl_sim_intern_printf (run->sim, "more than %u lines or %u MB of console output",
                                   AWL_BUDGET_OUTPUT_LINES, AWL_BUDGET_OUTPUT_BYTES >> 20));
      return FALSE;
    }
  run->output_lines++;
  run->output_bytes += length;
  return awl_run_charge (run, 1, 0);
}

const char *
awl_run_intern (AwlRun     *run,
                const char *text)
{
  gsize length = strlen (text);

  if (!awl_run_charge (run, 1, length + 1))
    return "";
  return awl_sim_intern (run->sim, text);
}

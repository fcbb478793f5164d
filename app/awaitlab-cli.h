/* awaitlab-cli.h
 *
 * The headless command line: awaitlab run|check|test|list|… — a contract that other
 * tools script, so it must never need a display.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes, the same for the same error in every subcommand (README, "Command
 * line"):
 *   0  done: ran, written, all checks and expectations passed
 *   1  the scenario is invalid, an expectation or export failed
 *   2  bad usage: unknown option, bad --set, an input file that cannot be read
 *   3  csharp: the scenario uses something the C# export cannot express
 *   4  an output could not be written: standard output (a full disk, a closed pipe)
 *      or an output file (refused path, full disk, failed write or rename) */
enum
{
  AWAITLAB_EXIT_OK = 0,
  AWAITLAB_EXIT_INVALID = 1,
  AWAITLAB_EXIT_USAGE = 2,
  AWAITLAB_EXIT_NOT_EXPORTABLE = 3,
  AWAITLAB_EXIT_OUTPUT = 4,
};

gboolean awaitlab_cli_handles (const char *subcommand);
int      awaitlab_cli_main    (int         argc,
                               char      **argv);

G_END_DECLS

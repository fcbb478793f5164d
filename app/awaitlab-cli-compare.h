/* awaitlab-cli-compare.h
 *
 * `awaitlab compare FILE [--set-a K=V]… [--set-b K=V]… [--set K=V]…`: runs the
 * scenario twice and prints what differs (outcome, end time, peak threads, where
 * each continuation ran), as the app's compare mode shows it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is the program, argv[1] "compare". Exit status: 0 compared; 1 the
 * scenario is invalid; 2 bad usage, an unreadable file or a bad override. */
int awaitlab_cli_compare (int    argc,
                          char **argv);

G_END_DECLS

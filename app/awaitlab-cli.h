/* awaitlab-cli.h
 *
 * The headless command line: awaitlab run|check|test|list|… — a contract that other
 * tools script, so it must never need a display.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean awaitlab_cli_handles (const char *subcommand);
int      awaitlab_cli_main    (int         argc,
                               char      **argv);

G_END_DECLS

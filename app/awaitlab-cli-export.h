/* awaitlab-cli-export.h
 *
 * awaitlab export FILE [--set K=V]… --png|--svg|--pdf|--webm|--mp4|--gif|--trace OUT …
 * Headless: never initialises GTK, so it works with no display.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int awaitlab_cli_export (int    argc,
                         char **argv);

G_END_DECLS

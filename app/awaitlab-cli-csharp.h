/* awaitlab-cli-csharp.h
 *
 * `awaitlab csharp FILE [--set K=V]… [-o OUT.cs]`: writes the scenario as a complete
 * C# 7.2 program (see sim/csharp/awl-csharp.h and docs/fidelity.md).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is the program, argv[1] "csharp". Exit status: 0 written; 1 the scenario
 * is invalid or unreadable; 2 bad usage (also a bad --set); 3 the scenario cannot be
 * exported (it needs C# 8 or later; the reason is printed). */
int awaitlab_cli_csharp (int    argc,
                         char **argv);

G_END_DECLS

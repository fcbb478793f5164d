/* awl-csharp.h
 *
 * Export of a scenario as a complete, runnable C# 7.2 program: the prelude (the
 * simulated world implemented for real, resources/csharp/awaitlab-prelude.cs), the
 * knobs as constants, the scenario's own code inside a class (with `#line` directives
 * so compiler messages point at the .csx), the environment and the entry call.
 *
 * The program compiles with Mono's mcs and prints one JSON object per output line and
 * a last line with the outcome; see docs/fidelity.md.
 *
 *   g_autoptr(GError) error = NULL;
 *   g_autofree char *cs = awl_csharp_generate ("x.csx", text, -1, overrides, &error);
 *   if (cs == NULL && g_error_matches (error, AWL_CSHARP_ERROR,
 *                                      AWL_CSHARP_ERROR_NOT_EXPORTABLE))
 *     g_print ("not exportable: %s\n", error->message);
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AWL_CSHARP_ERROR (awl_csharp_error_quark ())

typedef enum
{
  AWL_CSHARP_ERROR_INVALID,         /* the scenario has errors (message: every one) */
  AWL_CSHARP_ERROR_NOT_EXPORTABLE,  /* needs C# newer than 7.2 (message: the reason) */
  AWL_CSHARP_ERROR_OVERRIDE,        /* an override names nothing or does not fit */
} AwlCsharpError;

GQuark      awl_csharp_error_quark  (void);

/* Generates the program for the scenario @text (@length -1 = NUL-terminated) read
 * from @filename (used in messages and `#line`). @overrides is a NULL-terminated
 * list of "NAME=VALUE" (knobs, and cores, min-threads, max-threads, environment;
 * runtime, seed and timer-resolution are accepted and have no effect on a real
 * runtime) or NULL. Returns the C# source, or NULL with @error set. */
char       *awl_csharp_generate     (const char         *filename,
                                     const char         *text,
                                     gssize              length,
                                     const char * const *overrides,
                                     GError            **error);

/* The prelude's C# source (static data, NUL-terminated). */
const char *awl_csharp_get_prelude  (gsize              *length);

G_END_DECLS

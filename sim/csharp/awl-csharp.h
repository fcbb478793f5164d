/* awl-csharp.h
 *
 * Export of a scenario as a complete, runnable C# program (C# 7.2 for Mono, or current
 * C# for .NET 10, where async streams work too): the prelude (the
 * simulated world implemented for real, resources/csharp/awaitlab-prelude.cs), the
 * knobs as constants, the scenario's own code inside a class (with `#line` directives
 * so compiler messages point at the .csx), the environment and the entry call.
 *
 * The program compiles with Mono's mcs (or runs with `dotnet run`) and prints one JSON object per output line and
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

/* Which compiler and runtime the program is for. */
typedef enum
{
  AWL_CSHARP_TARGET_MONO,    /* C# 7.2: Mono's mcs, then mono */
  AWL_CSHARP_TARGET_DOTNET,  /* current C#: a .NET 10 file-based app or a project */
} AwlCsharpTarget;

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

/* The same for @target. With @part (a C# identifier; dotnet only) the result is one
 * scenario of a bundle: no prelude, the scenario in `namespace Awaitlab.PART` and its
 * start in `Awaitlab.PART.Program.Run (string[])`, for a project that compiles many
 * scenarios with awl_csharp_bundle_prelude () and a dispatcher in one build. */
char       *awl_csharp_generate_for (const char         *filename,
                                     const char         *text,
                                     gssize              length,
                                     const char * const *overrides,
                                     AwlCsharpTarget     target,
                                     const char         *part,
                                     GError            **error);

/* The prelude as one file of a .NET bundle project. Free with g_free(). */
char       *awl_csharp_bundle_prelude (void);

/* The prelude's C# source (static data, NUL-terminated). */
const char *awl_csharp_get_prelude  (gsize              *length);

G_END_DECLS

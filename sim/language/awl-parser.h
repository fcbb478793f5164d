/* awl-parser.h
 *
 * Turns a scenario file's text into its directives and syntax tree, collecting every
 * error it can find (recovering at `;` and `}`), then — unless told not to — runs
 * the checks that need no runtime: undefined names, `await` outside async, `yield`
 * outside an iterator, `break` outside a loop, duplicate methods, argument counts of
 * known .NET APIs, knob types, @note lines, the entry method.
 *
 * Usage:
 *
 *   g_autoptr(AwlUnit) unit = awl_parse ("x.csx", text, -1, AWL_PARSE_DEFAULT);
 *   if (awl_unit_has_errors (unit))
 *     {
 *       g_autofree char *report = awl_diagnostics_format (unit->diagnostics);
 *       g_printerr ("%s", report);
 *     }
 *   else
 *     compile (unit->directives, unit->ast);
 *
 * The result is complete even with errors: every part parsed is in the tree (so an
 * editor can show it), and nothing in it is dangling.
 */

#pragma once

#include <glib.h>

#include "awl-ast.h"
#include "awl-diagnostic.h"
#include "awl-directives.h"

G_BEGIN_DECLS

typedef enum
{
  AWL_PARSE_DEFAULT  = 0,
  AWL_PARSE_NO_CHECK = 1 << 0,  /* syntax and directives only, no semantic checks */
} AwlParseFlags;

typedef struct
{
  char           *filename;     /* as given (used in diagnostics) */
  char           *text;         /* a NUL-terminated copy of the source */
  gsize           length;
  AwlDirectives  *directives;   /* never NULL */
  AwlAst         *ast;          /* never NULL (possibly with no methods) */
  AwlDiagnostics *diagnostics;  /* never NULL; sorted by position */
} AwlUnit;

/* Never returns NULL. @text need not be NUL-terminated when @length >= 0; it may
 * contain any bytes (invalid UTF-8 and NULs are reported, never crash). */
AwlUnit  *awl_parse            (const char     *filename,
                                const char     *text,
                                gssize          length,
                                AwlParseFlags   flags);

/* Reads @path and parses it. NULL with AWL_LANGUAGE_ERROR_IO if unreadable. */
AwlUnit  *awl_parse_file       (const char     *path,
                                AwlParseFlags   flags,
                                GError        **error);

gboolean  awl_unit_has_errors  (const AwlUnit  *unit);
void      awl_unit_free        (AwlUnit        *unit);

/* The text of line @line (1-based) without its newline, or NULL if out of range. */
char     *awl_unit_get_line    (const AwlUnit  *unit,
                                guint           line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwlUnit, awl_unit_free)

G_END_DECLS

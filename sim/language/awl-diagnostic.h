/* awl-diagnostic.h
 *
 * Errors and warnings about a scenario file, with the position they refer to.
 * They render the way compilers do, so that `awaitlab check` and editors agree:
 *
 *     FILE:LINE:COL: error: MESSAGE
 *         string body = await Http.GetAsync(url, 200)
 *                                                    ^
 *
 * Lines and columns are 1-based. A column counts Unicode characters (code points)
 * from the start of the line, a tab counting as one, which is what GtkTextIter's
 * line offset counts too.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AWL_LANGUAGE_ERROR (awl_language_error_quark ())

typedef enum
{
  AWL_LANGUAGE_ERROR_INVALID,     /* the scenario has errors (message = all of them) */
  AWL_LANGUAGE_ERROR_KNOB_VALUE,  /* a --set value does not fit the knob's type */
  AWL_LANGUAGE_ERROR_IO,          /* the file could not be read */
} AwlLanguageError;

GQuark awl_language_error_quark (void);

/* A list keeps at most this many diagnostics; the rest are only counted and the
 * formatted output ends with "too many errors and warnings; N more not shown". */
#define AWL_DIAGNOSTICS_MAX_ITEMS 100

typedef enum
{
  AWL_SEVERITY_ERROR,
  AWL_SEVERITY_WARNING,
  AWL_SEVERITY_NOTE,
} AwlSeverity;

typedef struct
{
  AwlSeverity  severity;
  guint        line;      /* 1-based */
  guint        col;       /* 1-based, in characters */
  guint        length;    /* characters underlined from col (>= 1), for editors */
  char        *message;   /* no trailing period needed; no "error:" prefix */
} AwlDiagnostic;

/* An ordered list of diagnostics about one source text. It keeps its own copy of
 * the file name and the text so it can render source lines and carets. */
typedef struct _AwlDiagnostics AwlDiagnostics;

AwlDiagnostics      *awl_diagnostics_new          (const char      *filename,
                                                   const char      *text,
                                                   gssize           length);
void                 awl_diagnostics_free         (AwlDiagnostics  *diags);
const char          *awl_diagnostics_get_filename (const AwlDiagnostics *diags);

/* Adds a diagnostic. Two diagnostics with the same position and message are kept
 * once (recovery may report the same thing twice). */
void                 awl_diagnostics_add          (AwlDiagnostics  *diags,
                                                   AwlSeverity      severity,
                                                   guint            line,
                                                   guint            col,
                                                   guint            length,
                                                   const char      *format,
                                                   ...) G_GNUC_PRINTF (6, 7);
void                 awl_diagnostics_add_literal  (AwlDiagnostics  *diags,
                                                   AwlSeverity      severity,
                                                   guint            line,
                                                   guint            col,
                                                   guint            length,
                                                   const char      *message);

guint                awl_diagnostics_get_n_items  (const AwlDiagnostics *diags);
const AwlDiagnostic *awl_diagnostics_get_item     (const AwlDiagnostics *diags,
                                                   guint            index);
guint                awl_diagnostics_get_n_errors (const AwlDiagnostics *diags);
guint                awl_diagnostics_get_n_warnings (const AwlDiagnostics *diags);
gboolean             awl_diagnostics_has_errors   (const AwlDiagnostics *diags);
/* Adds every diagnostic of @from to @to, and the count of those @from dropped. */
void                 awl_diagnostics_append       (AwlDiagnostics       *to,
                                                   const AwlDiagnostics *from);
/* How many diagnostics were past the cap and dropped. */
guint                awl_diagnostics_get_n_dropped (const AwlDiagnostics *diags);

/* Sorts by (line, col), keeping the order of equal positions. The parser calls this
 * before it returns, so the list is always in file order. */
void                 awl_diagnostics_sort         (AwlDiagnostics  *diags);

/* "FILE:LINE:COL: error: MESSAGE\n" + the source line + "\n" + caret line + "\n".
 * The caret line keeps tabs of the source line so it lines up in a terminal. */
char                *awl_diagnostics_format_item  (const AwlDiagnostics *diags,
                                                   guint            index);
/* Every item, formatted as above, concatenated. */
char                *awl_diagnostics_format       (const AwlDiagnostics *diags);
/* Just "LINE:COL: error: MESSAGE" lines (no file name, no source) — what the
 * tests' .expected files hold. */
char                *awl_diagnostics_format_short (const AwlDiagnostics *diags);

/* Sets @error (AWL_LANGUAGE_ERROR_INVALID) to the formatted errors if there are any
 * and returns FALSE; returns TRUE if there are no errors. */
gboolean             awl_diagnostics_to_error     (const AwlDiagnostics *diags,
                                                   GError         **error);

const char          *awl_severity_to_string       (AwlSeverity      severity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwlDiagnostics, awl_diagnostics_free)

G_END_DECLS

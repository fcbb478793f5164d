/* awl-diagnostic.c
 *
 * Diagnostics keep a copy of the text so they can print the offending line with a
 * caret, and an index of line starts so that lookup stays O(log n) per item.
 */

#include "awl-diagnostic.h"

#include <string.h>

G_DEFINE_QUARK (awl-language-error-quark, awl_language_error)

struct _AwlDiagnostics
{
  char       *filename;
  char       *text;
  gsize       length;
  GArray     *items;        /* AwlDiagnostic */
  GArray     *line_starts;  /* gsize: byte offset of each line (built lazily) */
  GHashTable *seen;         /* "line:col:message" → dedup */
  guint       n_errors;
  guint       n_warnings;
  guint       n_dropped;    /* past AWL_DIAGNOSTICS_MAX_ITEMS */
  guint       n_dropped_errors;
};

/* Source lines longer than this many characters print as a window around the column. */
#define WINDOW_CHARS 100
/* Longer messages are cut. */
#define MAX_MESSAGE_CHARS 300

static void
clear_item (gpointer data)
{
  AwlDiagnostic *d = data;

  g_clear_pointer (&d->message, g_free);
}

AwlDiagnostics *
awl_diagnostics_new (const char *filename,
                     const char *text,
                     gssize      length)
{
  AwlDiagnostics *diags = g_new0 (AwlDiagnostics, 1);

  if (text == NULL)
    text = "";
  if (length < 0)
    length = strlen (text);

  diags->filename = g_strdup (filename != NULL ? filename : "<input>");
  diags->text = g_malloc (length + 1);
  memcpy (diags->text, text, length);
  diags->text[length] = '\0';
  diags->length = length;
  diags->items = g_array_new (FALSE, TRUE, sizeof (AwlDiagnostic));
  g_array_set_clear_func (diags->items, clear_item);
  diags->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return diags;
}

void
awl_diagnostics_free (AwlDiagnostics *diags)
{
  if (diags == NULL)
    return;

  g_free (diags->filename);
  g_free (diags->text);
  g_array_unref (diags->items);
  g_clear_pointer (&diags->line_starts, g_array_unref);
  g_hash_table_unref (diags->seen);
  g_free (diags);
}

const char *
awl_diagnostics_get_filename (const AwlDiagnostics *diags)
{
  g_return_val_if_fail (diags != NULL, NULL);

  return diags->filename;
}

void
awl_diagnostics_add_literal (AwlDiagnostics *diags,
                             AwlSeverity     severity,
                             guint           line,
                             guint           col,
                             guint           length,
                             const char     *message)
{
  AwlDiagnostic d = { 0 };
  char *key;

  g_return_if_fail (diags != NULL);
  g_return_if_fail (message != NULL);

  /* A file full of mistakes must not produce output (or a list in the window) that
   * grows without end: past the cap, only a count is kept. */
  if (diags->items->len >= AWL_DIAGNOSTICS_MAX_ITEMS)
    {
      diags->n_dropped++;
      /* Counted, so that a dropped error still makes the file invalid. */
      if (severity == AWL_SEVERITY_ERROR)
        {
          diags->n_errors++;
          diags->n_dropped_errors++;
        }
      else if (severity == AWL_SEVERITY_WARNING)
        diags->n_warnings++;
      return;
    }

  key = g_strdup_printf ("%u:%u:%d:%s", line, col, severity, message);
  if (!g_hash_table_add (diags->seen, key))
    return;

  d.severity = severity;
  d.line = MAX (line, 1);
  d.col = MAX (col, 1);
  d.length = MAX (length, 1);
  /* A message quoting a token of 20 KB stays one readable line (and cheap to lay
   * out in the window). */
  if (g_utf8_strlen (message, -1) > MAX_MESSAGE_CHARS)
    {
      const char *cut = g_utf8_offset_to_pointer (message, MAX_MESSAGE_CHARS);
      d.message = g_strdup_printf ("%.*s…", (int) (cut - message), message);
    }
  else
    d.message = g_strdup (message);
  g_array_append_val (diags->items, d);

  if (severity == AWL_SEVERITY_ERROR)
    diags->n_errors++;
  else if (severity == AWL_SEVERITY_WARNING)
    diags->n_warnings++;
}

void
awl_diagnostics_add (AwlDiagnostics *diags,
                     AwlSeverity     severity,
                     guint           line,
                     guint           col,
                     guint           length,
                     const char     *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  awl_diagnostics_add_literal (diags, severity, line, col, length, message);
}

guint
awl_diagnostics_get_n_items (const AwlDiagnostics *diags)
{
  g_return_val_if_fail (diags != NULL, 0);

  return diags->items->len;
}

const AwlDiagnostic *
awl_diagnostics_get_item (const AwlDiagnostics *diags,
                          guint                 index)
{
  g_return_val_if_fail (diags != NULL, NULL);
  g_return_val_if_fail (index < diags->items->len, NULL);

  return &g_array_index (diags->items, AwlDiagnostic, index);
}

guint
awl_diagnostics_get_n_errors (const AwlDiagnostics *diags)
{
  g_return_val_if_fail (diags != NULL, 0);

  return diags->n_errors;
}

guint
awl_diagnostics_get_n_warnings (const AwlDiagnostics *diags)
{
  g_return_val_if_fail (diags != NULL, 0);

  return diags->n_warnings;
}

gboolean
awl_diagnostics_has_errors (const AwlDiagnostics *diags)
{
  g_return_val_if_fail (diags != NULL, FALSE);

  return diags->n_errors > 0;
}

/* g_array_sort is not stable; a merge sort on the index keeps equal positions in
 * the order they were reported. */
static void
merge_sort (AwlDiagnostic *items,
            AwlDiagnostic *tmp,
            guint          n)
{
  guint mid, i, j, k;

  if (n < 2)
    return;

  mid = n / 2;
  merge_sort (items, tmp, mid);
  merge_sort (items + mid, tmp, n - mid);

  for (i = 0, j = mid, k = 0; k < n; k++)
    {
      gboolean take_left;

      if (i >= mid)
        take_left = FALSE;
      else if (j >= n)
        take_left = TRUE;
      else
        take_left = items[i].line < items[j].line ||
                    (items[i].line == items[j].line && items[i].col <= items[j].col);
      tmp[k] = take_left ? items[i++] : items[j++];
    }
  memcpy (items, tmp, n * sizeof *items);
}

void
awl_diagnostics_sort (AwlDiagnostics *diags)
{
  g_autofree AwlDiagnostic *tmp = NULL;

  g_return_if_fail (diags != NULL);

  if (diags->items->len < 2)
    return;

  tmp = g_new (AwlDiagnostic, diags->items->len);
  merge_sort ((AwlDiagnostic *) (gpointer) diags->items->data, tmp, diags->items->len);
}

static void
ensure_line_starts (AwlDiagnostics *diags)
{
  gsize zero = 0;

  if (diags->line_starts != NULL)
    return;

  diags->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (diags->line_starts, zero);
  for (gsize i = 0; i < diags->length; i++)
    {
      if (diags->text[i] == '\n')
        {
          gsize next = i + 1;
          g_array_append_val (diags->line_starts, next);
        }
    }
}

/* The line's text without its line ending; NULL if out of range. */
static char *
get_line (AwlDiagnostics *diags,
          guint           line)
{
  gsize start, end;

  ensure_line_starts (diags);
  if (line == 0 || line > diags->line_starts->len)
    return NULL;

  start = g_array_index (diags->line_starts, gsize, line - 1);
  end = start;
  while (end < diags->length && diags->text[end] != '\n')
    end++;
  if (end > start && diags->text[end - 1] == '\r')
    end--;

  return g_strndup (diags->text + start, end - start);
}

static void
append_caret (GString    *out,
              const char *source_line,
              guint       col,
              guint       length)
{
  const char *p = source_line;
  guint c = 1;

  /* Walk characters so multibyte text before the caret takes one cell each, and
   * copy tabs so the caret lines up under the same terminal column. */
  while (c < col && *p != '\0')
    {
      g_string_append_c (out, *p == '\t' ? '\t' : ' ');
      p = g_utf8_next_char (p);
      c++;
    }
  g_string_append_c (out, '^');
  for (guint i = 1; i < length && *p != '\0'; i++)
    {
      p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      g_string_append_c (out, '~');
    }
  g_string_append_c (out, '\n');
}

static void
format_item (AwlDiagnostics      *diags,
             const AwlDiagnostic *d,
             GString             *out)
{
  g_autofree char *source_line = NULL;

  g_string_append_printf (out, "%s:%u:%u: %s: %s\n",
                          diags->filename, d->line, d->col,
                          awl_severity_to_string (d->severity), d->message);

  source_line = get_line (diags, d->line);
  if (source_line == NULL)
    return;

  if (!g_utf8_validate (source_line, -1, NULL))
    {
      /* The parser reports invalid UTF-8 itself; never print broken text. */
      char *fixed = g_utf8_make_valid (source_line, -1);
      g_free (source_line);
      source_line = fixed;
    }

  if ((guint) g_utf8_strlen (source_line, -1) > WINDOW_CHARS)
    {
      /* Show a window of the line around the column, so that an error on a line of
       * 100 KB prints about a hundred characters, not the whole line each time. */
      glong first = MAX (1, (glong) d->col - WINDOW_CHARS / 2);
      const char *from = g_utf8_offset_to_pointer (source_line, first - 1);
      glong avail = g_utf8_strlen (from, -1);
      const char *to = g_utf8_offset_to_pointer (from, MIN (avail, WINDOW_CHARS));
      g_autoptr(GString) window = g_string_new (NULL);
      guint prefix = first > 1 ? 3 : 0;

      if (first > 1)
        g_string_append (window, "...");
      g_string_append_len (window, from, to - from);
      if (*to != '\0')
        g_string_append (window, "...");
      g_string_append_printf (out, "%s\n", window->str);
      append_caret (out, window->str, d->col - first + 1 + prefix, MIN (d->length, WINDOW_CHARS));
      return;
    }

  g_string_append_printf (out, "%s\n", source_line);
  append_caret (out, source_line, d->col, d->length);
}

static void
append_dropped (const AwlDiagnostics *diags,
                GString              *out,
                gboolean              with_filename)
{
  if (diags->n_dropped == 0)
    return;
  if (with_filename)
    g_string_append_printf (out, "%s: ", diags->filename);
  g_string_append_printf (out, "error: too many errors and warnings; %u more not shown\n",
                          diags->n_dropped);
}

void
awl_diagnostics_append (AwlDiagnostics       *to,
                        const AwlDiagnostics *from)
{
  g_return_if_fail (to != NULL && from != NULL);

  for (guint i = 0; i < from->items->len; i++)
    {
      const AwlDiagnostic *d = &g_array_index (from->items, AwlDiagnostic, i);
      awl_diagnostics_add_literal (to, d->severity, d->line, d->col, d->length, d->message);
    }
  /* What the source list dropped stays counted (and an error stays an error). */
  to->n_dropped += from->n_dropped;
  to->n_dropped_errors += from->n_dropped_errors;
  to->n_errors += from->n_dropped_errors;
  to->n_warnings += from->n_dropped - from->n_dropped_errors;
}

guint
awl_diagnostics_get_n_dropped (const AwlDiagnostics *diags)
{
  g_return_val_if_fail (diags != NULL, 0);

  return diags->n_dropped;
}

char *
awl_diagnostics_format_item (const AwlDiagnostics *diags,
                             guint                 index)
{
  GString *out;

  g_return_val_if_fail (diags != NULL, NULL);
  g_return_val_if_fail (index < diags->items->len, NULL);

  out = g_string_new (NULL);
  format_item ((AwlDiagnostics *) diags,
               &g_array_index (diags->items, AwlDiagnostic, index), out);

  return g_string_free (out, FALSE);
}

char *
awl_diagnostics_format (const AwlDiagnostics *diags)
{
  GString *out;

  g_return_val_if_fail (diags != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < diags->items->len; i++)
    format_item ((AwlDiagnostics *) diags,
                 &g_array_index (diags->items, AwlDiagnostic, i), out);
  append_dropped (diags, out, TRUE);

  return g_string_free (out, FALSE);
}

char *
awl_diagnostics_format_short (const AwlDiagnostics *diags)
{
  GString *out;

  g_return_val_if_fail (diags != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < diags->items->len; i++)
    {
      const AwlDiagnostic *d = &g_array_index (diags->items, AwlDiagnostic, i);

      g_string_append_printf (out, "%u:%u: %s: %s\n", d->line, d->col,
                              awl_severity_to_string (d->severity), d->message);
    }
  append_dropped (diags, out, FALSE);

  return g_string_free (out, FALSE);
}

gboolean
awl_diagnostics_to_error (const AwlDiagnostics *diags,
                          GError              **error)
{
  GString *out;

  g_return_val_if_fail (diags != NULL, FALSE);

  if (diags->n_errors == 0)
    return TRUE;

  out = g_string_new (NULL);
  for (guint i = 0; i < diags->items->len; i++)
    {
      const AwlDiagnostic *d = &g_array_index (diags->items, AwlDiagnostic, i);

      if (d->severity == AWL_SEVERITY_ERROR)
        format_item ((AwlDiagnostics *) diags, d, out);
    }
  append_dropped (diags, out, TRUE);

  g_set_error_literal (error, AWL_LANGUAGE_ERROR, AWL_LANGUAGE_ERROR_INVALID, out->str);
  g_string_free (out, TRUE);

  return FALSE;
}

const char *
awl_severity_to_string (AwlSeverity severity)
{
  switch (severity)
    {
    case AWL_SEVERITY_ERROR:
      return "error";
    case AWL_SEVERITY_WARNING:
      return "warning";
    case AWL_SEVERITY_NOTE:
    default:
      return "note";
    }
}

/* awaitlab-markdown.c
 *
 * Only what explanations use: a full Markdown parser would be heavier than the
 * feature, and Pango markup cannot show more anyway.
 */

#include "awaitlab-markdown.h"

/* "- item", "* item", "12. item" or "# heading" at @line. */
static gboolean
starts_block (const char *line)
{
  const char *p = line;

  while (*p == ' ')
    p++;
  if ((p[0] == '-' || p[0] == '*') && p[1] == ' ')
    return TRUE;
  if (p[0] == '#')
    return TRUE;
  while (g_ascii_isdigit (*p))
    p++;
  return p > line && g_ascii_isdigit (p[-1]) && p[0] == '.' && p[1] == ' ';
}

/* A line break inside a paragraph is a wrap in the source file, not in the text:
 * join it, unless the next line starts a list item or the paragraph ends. */
static gboolean
is_soft_break (const char *start,
               const char *p)
{
  return p[0] == '\n' && p > start && p[-1] != '\n' && p[1] != '\n' && p[1] != '\0' &&
         !starts_block (p + 1);
}

static gboolean
is_heading_start (const char *start,
                  const char *p)
{
  return p[0] == '#' && (p == start || p[-1] == '\n');
}

static void
append_escaped (GString *out,
                char     c)
{
  switch (c)
    {
    case '&': g_string_append (out, "&amp;"); break;
    case '<': g_string_append (out, "&lt;"); break;
    case '>': g_string_append (out, "&gt;"); break;
    default: g_string_append_c (out, c); break;
    }
}

char *
awaitlab_markdown_to_markup (const char *markdown)
{
  const char *md = markdown ? markdown : "";
  GString *out = g_string_new (NULL);
  gboolean bold = FALSE, code = FALSE;

  for (const char *p = md; *p; p++)
    {
      if (p[0] == '*' && p[1] == '*')
        {
          g_string_append (out, bold ? "</b>" : "<b>");
          bold = !bold;
          p++;
        }
      else if (*p == '`')
        {
          g_string_append (out, code ? "</tt>" : "<tt>");
          code = !code;
        }
      else if (is_heading_start (md, p))
        {
          while (p[1] == '#' || p[1] == ' ')
            p++;
        }
      else if (is_soft_break (md, p))
        {
          g_string_append_c (out, ' ');
          while (p[1] == ' ')
            p++;
        }
      else
        append_escaped (out, *p);
    }
  if (code)
    g_string_append (out, "</tt>");
  if (bold)
    g_string_append (out, "</b>");
  return g_string_free (out, FALSE);
}

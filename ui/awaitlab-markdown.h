/* awaitlab-markdown.h
 *
 * The scenarios' Markdown (CommonMark, parsed by cmark) as Pango markup, for the
 * explanation pane, the notes and the full-view exports: paragraphs, bulleted and
 * numbered lists, *italics*, **bold**, `code`, links, headings; everything else is
 * escaped text.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  AWAITLAB_MARKDOWN_NONE  = 0,
  /* Links as <a href>, which GtkLabel understands but plain Pango (exports) does not;
   * without this flag a link is underlined text. */
  AWAITLAB_MARKDOWN_LINKS = 1 << 0,
} AwaitlabMarkdownFlags;

/* For labels (links clickable). Free with g_free. */
char *awaitlab_markdown_to_markup      (const char            *markdown);
/* For Pango layouts, e.g. exports (@flags = AWAITLAB_MARKDOWN_NONE). */
char *awaitlab_markdown_to_markup_full (const char            *markdown,
                                        AwaitlabMarkdownFlags  flags);

G_END_DECLS

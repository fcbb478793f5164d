/* awaitlab-markdown.h
 *
 * The scenarios' simple Markdown (paragraphs, lists, **bold**, `code`, # headings)
 * as Pango markup, for the explanation pane, the notes and the full-view exports.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *awaitlab_markdown_to_markup (const char *markdown);

G_END_DECLS

/* awaitlab-markdown.c
 *
 * cmark (the CommonMark reference implementation) parses; this file only maps its
 * tree to the Pango markup subset a label can show. Everything cmark hands over as
 * text, including raw HTML, is escaped, so no input can break the markup.
 */

#include <string.h>

#include <cmark.h>

#include "awaitlab-markdown.h"

typedef struct
{
  GString              *out;
  AwaitlabMarkdownFlags flags;
  guint                 list_depth;
} Renderer;

static void render_children (Renderer   *r,
                             cmark_node *node);

static void
append_text (Renderer   *r,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (r->out, escaped);
}

/* Blocks are separated by a blank line, items of a tight list by a line break. */
static void
separate_block (Renderer   *r,
                cmark_node *node)
{
  cmark_node *parent = cmark_node_parent (node);
  gboolean tight_item = parent != NULL &&
                        cmark_node_get_type (parent) == CMARK_NODE_ITEM &&
                        cmark_node_get_list_tight (cmark_node_parent (parent));

  if (cmark_node_previous (node) == NULL)
    {
      /* A list inside an item starts on the line after the item's text. */
      return;
    }
  g_string_append (r->out, tight_item ? "\n" : "\n\n");
}

static void
render_item (Renderer   *r,
             cmark_node *item,
             guint       number)
{
  cmark_node *list = cmark_node_parent (item);

  if (cmark_node_previous (item) != NULL)
    g_string_append (r->out, cmark_node_get_list_tight (list) ? "\n" : "\n\n");
  for (guint i = 1; i < r->list_depth; i++)
    g_string_append (r->out, "    ");
  if (cmark_node_get_list_type (list) == CMARK_ORDERED_LIST)
    g_string_append_printf (r->out, "%u%c ", number,
                            cmark_node_get_list_delim (list) == CMARK_PAREN_DELIM ? ')' : '.');
  else
    g_string_append (r->out, "• ");
  render_children (r, item);
}

static void
render_list (Renderer   *r,
             cmark_node *list)
{
  guint number = MAX (0, cmark_node_get_list_start (list));

  if (cmark_node_parent (list) != NULL && cmark_node_get_type (cmark_node_parent (list)) == CMARK_NODE_ITEM)
    g_string_append_c (r->out, '\n');
  else
    separate_block (r, list);

  r->list_depth++;
  for (cmark_node *item = cmark_node_first_child (list); item; item = cmark_node_next (item))
    render_item (r, item, number++);
  r->list_depth--;
}

static void
render_wrapped (Renderer   *r,
                cmark_node *node,
                const char *open,
                const char *close)
{
  g_string_append (r->out, open);
  render_children (r, node);
  g_string_append (r->out, close);
}

static void
render_link (Renderer   *r,
             cmark_node *node)
{
  if (r->flags & AWAITLAB_MARKDOWN_LINKS)
    {
      g_autofree char *url = g_markup_escape_text (cmark_node_get_url (node) ? cmark_node_get_url (node) : "", -1);
      g_autofree char *open = g_strdup_printf ("<a href=\"%s\">", url);

      render_wrapped (r, node, open, "</a>");
    }
  else
    {
      /* Pango itself has no links (GtkLabel adds them): underline the text. */
      render_wrapped (r, node, "<u>", "</u>");
    }
}

static void
render_block (Renderer   *r,
              cmark_node *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      separate_block (r, node);
      render_children (r, node);
      break;

    case CMARK_NODE_HEADING:
      separate_block (r, node);
      render_wrapped (r, node, "<b>", "</b>");
      break;

    case CMARK_NODE_BLOCK_QUOTE:
      separate_block (r, node);
      render_wrapped (r, node, "<i>", "</i>");
      break;

    case CMARK_NODE_LIST:
      render_list (r, node);
      break;

    case CMARK_NODE_CODE_BLOCK:
      {
        g_autofree char *code = g_strchomp (g_strdup (cmark_node_get_literal (node)));

        separate_block (r, node);
        g_string_append (r->out, "<tt>");
        append_text (r, code);
        g_string_append (r->out, "</tt>");
      }
      break;

    case CMARK_NODE_HTML_BLOCK:
      {
        g_autofree char *html = g_strchomp (g_strdup (cmark_node_get_literal (node)));

        separate_block (r, node);
        append_text (r, html);
      }
      break;

    case CMARK_NODE_THEMATIC_BREAK:
      separate_block (r, node);
      g_string_append (r->out, "⸻");
      break;

    default:
      render_children (r, node);
      break;
    }
}

static void
render_inline (Renderer   *r,
               cmark_node *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE:
      append_text (r, cmark_node_get_literal (node));
      break;

    case CMARK_NODE_CODE:
      g_string_append (r->out, "<tt>");
      append_text (r, cmark_node_get_literal (node));
      g_string_append (r->out, "</tt>");
      break;

    case CMARK_NODE_SOFTBREAK:
      /* A line break in a paragraph is a wrap in the source file, not in the text. */
      g_string_append_c (r->out, ' ');
      break;

    case CMARK_NODE_LINEBREAK:
      g_string_append_c (r->out, '\n');
      break;

    case CMARK_NODE_EMPH:
      render_wrapped (r, node, "<i>", "</i>");
      break;

    case CMARK_NODE_STRONG:
      render_wrapped (r, node, "<b>", "</b>");
      break;

    case CMARK_NODE_LINK:
      render_link (r, node);
      break;

    case CMARK_NODE_IMAGE:
      /* A label cannot show pictures: keep the description. */
      render_children (r, node);
      break;

    default:
      render_children (r, node);
      break;
    }
}

static void
render_children (Renderer   *r,
                 cmark_node *node)
{
  for (cmark_node *child = cmark_node_first_child (node); child; child = cmark_node_next (child))
    {
      cmark_node_type type = cmark_node_get_type (child);

      if (type >= CMARK_NODE_FIRST_INLINE && type <= CMARK_NODE_LAST_INLINE)
        render_inline (r, child);
      else
        render_block (r, child);
    }
}

char *
awaitlab_markdown_to_markup_full (const char            *markdown,
                                  AwaitlabMarkdownFlags  flags)
{
  const char *md = markdown ? markdown : "";
  cmark_node *document;
  Renderer r = { g_string_new (NULL), flags, 0 };

  document = cmark_parse_document (md, strlen (md), CMARK_OPT_DEFAULT);
  render_children (&r, document);
  cmark_node_free (document);

  return g_string_free (r.out, FALSE);
}

char *
awaitlab_markdown_to_markup (const char *markdown)
{
  return awaitlab_markdown_to_markup_full (markdown, AWAITLAB_MARKDOWN_LINKS);
}

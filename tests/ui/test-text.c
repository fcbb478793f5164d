/* test-text.c: explanations through cmark into Pango markup, and the palette's
 * colour-blind safety and contrast (headless). */

#include <pango/pango.h>
#include <string.h>

#include "awaitlab-markdown.h"
#include "awl-scenario.h"

static char *
to_plain_text (const char *markup)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (!pango_parse_markup (markup, -1, 0, NULL, &text, NULL, &error))
    g_error ("not valid Pango markup: %s\n%s", error->message, markup);
  return text;
}

static void
test_markdown_blocks (void)
{
  g_autofree char *a = awaitlab_markdown_to_markup ("A wrapped\n  paragraph with **bold** and `code`.\n\nNext & last");
  g_autofree char *b = awaitlab_markdown_to_markup ("Steps:\n\n1. one\n2. two <x>\n\n## Heading");
  g_autofree char *c = awaitlab_markdown_to_markup ("one by one,\n600 ms, and\n-1 is a number");
  g_autofree char *d = awaitlab_markdown_to_markup ("Dashes:\n\n- a\n- b\n  - nested\n\nafter");

  /* Source-file wraps join their paragraph; paragraphs are a blank line apart. */
  g_assert_cmpstr (a, ==, "A wrapped paragraph with <b>bold</b> and <tt>code</tt>.\n\nNext &amp; last");
  g_assert_cmpstr (b, ==, "Steps:\n\n1. one\n2. two &lt;x&gt;\n\n<b>Heading</b>");
  /* A wrapped line that merely starts with a number or a minus sign still joins. */
  g_assert_cmpstr (c, ==, "one by one, 600 ms, and -1 is a number");
  /* Dash lists are bulleted, nested ones indented. */
  g_assert_cmpstr (d, ==, "Dashes:\n\n• a\n• b\n    • nested\n\nafter");
}

static void
test_markdown_inline (void)
{
  g_autofree char *a = awaitlab_markdown_to_markup ("That is why *Main: got a Task back* appears before _response arrived_.");
  g_autofree char *b = awaitlab_markdown_to_markup ("See [the docs](https://learn.example/?a=1&b=2 \"t\").");
  g_autofree char *c = awaitlab_markdown_to_markup_full ("See [the docs](https://learn.example/).", AWAITLAB_MARKDOWN_NONE);
  g_autofree char *d = awaitlab_markdown_to_markup ("`a < b && c`, ***both***");

  g_assert_cmpstr (a, ==, "That is why <i>Main: got a Task back</i> appears before <i>response arrived</i>.");
  g_assert_cmpstr (b, ==, "See <a href=\"https://learn.example/?a=1&amp;b=2\">the docs</a>.");
  /* Plain Pango (exports) has no links. */
  g_assert_cmpstr (c, ==, "See <u>the docs</u>.");
  g_assert_cmpstr (d, ==, "<tt>a &lt; b &amp;&amp; c</tt>, <i><b>both</b></i>");
}

/* Raw HTML, entities and unbalanced emphasis are text, never markup. */
static void
test_markdown_escapes (void)
{
  const char *inputs[] = {
    "<b>not bold</b> & <script>alert(1)</script>",
    "<div>\nblock html\n</div>",
    "**unclosed bold and `unclosed code",
    "a <span foreground=\"red\">x</span> &amp; &lt; done",
    "```\nfenced <code> & stuff\n```",
    "> quoted *text*\n\n---\n\n![alt text](image.png)",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *markup = awaitlab_markdown_to_markup_full (inputs[i], AWAITLAB_MARKDOWN_NONE);
      g_autofree char *text = to_plain_text (markup);

      g_assert_null (strstr (markup, "<script"));
      g_assert_null (strstr (markup, "<span"));
      g_assert_null (strstr (markup, "<div"));
    }

  {
    g_autofree char *markup = awaitlab_markdown_to_markup ("<b>not bold</b>");
    g_autofree char *text = to_plain_text (markup);

    g_assert_cmpstr (text, ==, "<b>not bold</b>");
  }
  {
    g_autofree char *markup = awaitlab_markdown_to_markup (NULL);

    g_assert_cmpstr (markup, ==, "");
  }
}

/* Every built-in explanation and note becomes valid markup, and no Markdown syntax
 * (asterisks, underscores around words, backticks) is left showing. */
static void
test_markdown_catalogue (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = awl_catalogue_load (&error);
  guint n_italic = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 50);
  for (guint i = 0; i < entries->len; i++)
    {
      AwlCatalogueEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(AwlScenario) sc = awl_scenario_new_from_resource (entry->resource_path, &error);
      g_autofree char *markup = NULL;
      g_autofree char *text = NULL;
      const AwlScenarioNote *notes;
      guint n_notes;

      g_assert_no_error (error);
      markup = awaitlab_markdown_to_markup_full (awl_scenario_get_explanation (sc), AWAITLAB_MARKDOWN_NONE);
      text = to_plain_text (markup);
      if (strstr (markup, "<i>"))
        n_italic++;
      if (strstr (text, "**") || strchr (text, '`'))
        g_error ("%s: Markdown left in the text:\n%s", entry->file_name, text);
      for (const char *p = strchr (text, '*'); p; p = strchr (p + 1, '*'))
        if (g_ascii_isalpha (p[1]) || (p > text && g_ascii_isalpha (p[-1])))
          g_error ("%s: an emphasis asterisk shows: …%.30s", entry->file_name, p);

      notes = awl_scenario_get_notes (sc, &n_notes);
      for (guint n = 0; n < n_notes; n++)
        {
          g_autofree char *note_markup = awaitlab_markdown_to_markup (notes[n].text);

          g_assert_nonnull (note_markup);
        }
    }
  /* Q1, Q3, Q8, Q30 and Q34 use *italics*. */
  g_assert_cmpuint (n_italic, >=, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/markdown/blocks", test_markdown_blocks);
  g_test_add_func ("/ui/markdown/inline", test_markdown_inline);
  g_test_add_func ("/ui/markdown/escapes", test_markdown_escapes);
  g_test_add_func ("/ui/markdown/catalogue", test_markdown_catalogue);

  return g_test_run ();
}

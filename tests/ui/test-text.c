/* test-text.c: explanations through cmark into Pango markup, and the palette's
 * colour-blind safety and contrast (headless). */

#include <pango/pango.h>
#include <string.h>

#include "awaitlab-markdown.h"
#include "awaitlab-palette.h"
#include "awl-scenario.h"
#include "color-science.h"

#define WCAG_AA 4.5

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

static void
to_rgb (const AwaitlabColor *c,
        double               rgb[3])
{
  rgb[0] = c->red;
  rgb[1] = c->green;
  rgb[2] = c->blue;
}

static double
contrast (const AwaitlabColor *a,
          const AwaitlabColor *b)
{
  double x[3], y[3];

  to_rgb (a, x);
  to_rgb (b, y);
  return wcag_contrast (x, y);
}

/* The checker itself: published CIEDE2000 pairs (Sharma, Wu & Dalal 2005, table 1)
 * and the WCAG extremes. */
static void
test_color_science (void)
{
  static const struct { Lab x, y; double de; } pairs[] = {
    { { 50.0, 2.6772, -79.7751 }, { 50.0, 0.0, -82.7485 }, 2.0425 },
    { { 50.0, 0.0, 0.0 }, { 50.0, -1.0, 2.0 }, 2.3669 },
    { { 50.0, 2.5, 0.0 }, { 73.0, 25.0, -18.0 }, 27.1492 },
    { { 60.2574, -34.0099, 36.2677 }, { 60.4626, -34.1751, 39.4387 }, 1.2644 },
    { { 22.7233, 20.0904, -46.6940 }, { 23.0331, 14.9730, -42.5619 }, 2.0373 },
  };
  const double white[3] = { 1, 1, 1 }, black[3] = { 0, 0, 0 }, grey[3] = { 0.5, 0.5, 0.5 };
  Lab w = srgb_to_lab_as_seen (white, CVD_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    g_assert_cmpfloat_with_epsilon (ciede2000 (pairs[i].x, pairs[i].y), pairs[i].de, 1e-4);
  g_assert_cmpfloat_with_epsilon (wcag_contrast (white, black), 21, 1e-9);
  g_assert_cmpfloat_with_epsilon (wcag_contrast (grey, grey), 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (w.L, 100, 1e-2);
  /* Red and green, far apart for most, collapse for a deuteranope. */
  {
    const double red[3] = { 0.8, 0.3, 0.1 }, green[3] = { 0.45, 0.5, 0.1 };

    g_assert_cmpfloat (ciede2000 (srgb_to_lab_as_seen (red, CVD_NONE), srgb_to_lab_as_seen (green, CVD_NONE)), >, 25);
    g_assert_cmpfloat (ciede2000 (srgb_to_lab_as_seen (red, CVD_DEUTERANOPIA), srgb_to_lab_as_seen (green, CVD_DEUTERANOPIA)), <, 10);
  }
}

/* The lane colours stay at least 10 CIEDE2000 apart (clearly different at a glance)
 * for normal vision and with each dichromacy. */
static void
test_lanes_colour_blind_safe (void)
{
  for (CvdKind kind = 0; kind < CVD_N_KINDS; kind++)
    {
      double worst = G_MAXDOUBLE;
      guint wa = 0, wb = 0;

      for (guint a = 0; a < AWAITLAB_PALETTE_N_LANE_COLORS; a++)
        for (guint b = a + 1; b < AWAITLAB_PALETTE_N_LANE_COLORS; b++)
          {
            AwaitlabColor ca, cb;
            double x[3], y[3], de;

            awaitlab_thread_color (a, &ca);
            awaitlab_thread_color (b, &cb);
            to_rgb (&ca, x);
            to_rgb (&cb, y);
            de = ciede2000 (srgb_to_lab_as_seen (x, kind), srgb_to_lab_as_seen (y, kind));
            if (de < worst)
              worst = de, wa = a, wb = b;
          }
      g_test_message ("%s: lanes %u and %u are closest, ΔE00 %.2f", cvd_kind_name (kind), wa, wb, worst);
      g_assert_cmpfloat (worst, >=, 10.0);
    }
}

/* Every lane has its own colour, also beyond the checked table (Q36 has 16 threads,
 * a knob can make more). */
static void
test_lanes_distinct (void)
{
  const guint n = 4 * AWAITLAB_PALETTE_N_LANE_COLORS;

  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      {
        AwaitlabColor ca, cb;
        double x[3], y[3];

        awaitlab_thread_color (a, &ca);
        awaitlab_thread_color (b, &cb);
        to_rgb (&ca, x);
        to_rgb (&cb, y);
        if (ciede2000 (srgb_to_lab_as_seen (x, CVD_NONE), srgb_to_lab_as_seen (y, CVD_NONE)) < 3.0)
          g_error ("lanes %u and %u look the same", a, b);
      }
}

/* Text on the lane background, its shaded lane area and the counter tracks. */
static void
test_text_contrast (void)
{
  const double shades[] = { 0, 0.04, 0.08 };

  for (int dark = 0; dark <= 1; dark++)
    {
      AwaitlabColor bg, fg = { dark, dark, dark }, red;

      awaitlab_palette_background (dark, &bg);
      for (guint s = 0; s < G_N_ELEMENTS (shades); s++)
        {
          AwaitlabColor surface;

          awaitlab_color_blend (&fg, shades[s], &bg, &surface);
          for (AwaitlabTextRole role = 0; role < AWAITLAB_N_TEXT_ROLES; role++)
            {
              AwaitlabColor text;
              double ratio;

              awaitlab_color_blend (&fg, awaitlab_palette_text_alpha (role), &bg, &text);
              ratio = contrast (&text, &surface);
              g_test_message ("%s, shade %.2f, role %d: %.2f:1", dark ? "dark" : "light", shades[s], role, ratio);
              g_assert_cmpfloat (ratio, >=, WCAG_AA);
            }
        }

      /* The names of deadlocked lanes. */
      awaitlab_palette_deadlock_text (dark, &red);
      g_assert_cmpfloat (contrast (&red, &bg), >=, WCAG_AA);
    }

  /* The playhead's time badge: white on the playhead colour. */
  {
    AwaitlabColor playhead, white = { 1, 1, 1 };

    awaitlab_palette_playhead (&playhead);
    g_assert_cmpfloat (contrast (&white, &playhead), >=, WCAG_AA);
  }
}

/* Labels on bars: on the bar colour and on its pattern's lines, in the past and
 * under the veil over the future, light and dark. */
static void
test_labels_on_bars (void)
{
  const AwaitlabSpanState states[] = {
    AWAITLAB_SPAN_RUNNING, AWAITLAB_SPAN_READY, AWAITLAB_SPAN_BLOCKED,
    AWAITLAB_SPAN_TIMER, AWAITLAB_SPAN_IO, AWAITLAB_SPAN_IDLE,
  };

  for (int dark = 0; dark <= 1; dark++)
    for (int veiled = 0; veiled <= 1; veiled++)
      for (guint i = 0; i < G_N_ELEMENTS (states); i++)
        {
          AwaitlabColor surfaces[2], label, ink, veil;
          double ink_alpha, veil_alpha;
          guint n_surfaces = 1;

          if (states[i] == AWAITLAB_SPAN_IDLE)
            awaitlab_palette_background (dark, &surfaces[0]);
          else
            awaitlab_state_color (states[i], &surfaces[0]);
          if (awaitlab_palette_pattern_ink (states[i], &ink, &ink_alpha))
            awaitlab_color_blend (&ink, ink_alpha, &surfaces[0], &surfaces[n_surfaces++]);

          awaitlab_palette_span_label (states[i], veiled, dark, &label);
          awaitlab_palette_veil (dark, &veil, &veil_alpha);
          for (guint s = 0; s < n_surfaces; s++)
            {
              double ratio;

              if (veiled)
                awaitlab_color_blend (&veil, veil_alpha, &surfaces[s], &surfaces[s]);
              ratio = contrast (&label, &surfaces[s]);
              g_test_message ("%s %s state %d %s: %.2f:1", dark ? "dark" : "light",
                              veiled ? "veiled" : "plain", states[i], s ? "pattern" : "bar", ratio);
              g_assert_cmpfloat (ratio, >=, WCAG_AA);
            }
        }
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

  g_test_add_func ("/ui/palette/color-science", test_color_science);
  g_test_add_func ("/ui/palette/lanes-colour-blind-safe", test_lanes_colour_blind_safe);
  g_test_add_func ("/ui/palette/lanes-distinct", test_lanes_distinct);
  g_test_add_func ("/ui/palette/text-contrast", test_text_contrast);
  g_test_add_func ("/ui/palette/labels-on-bars", test_labels_on_bars);

  return g_test_run ();
}

/* awaitlab-code-view.c */

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>
#include <gtksourceview/gtksource.h>

#include "awaitlab-code-view-private.h"
#include "awaitlab-timeline-renderer.h"

/* ------------------------------------------------------------------------- */
/* The gutter renderer: coloured dots, one per thread on that line.          */

#define AWAITLAB_TYPE_THREAD_GUTTER (awaitlab_thread_gutter_get_type())
G_DECLARE_FINAL_TYPE (AwaitlabThreadGutter, awaitlab_thread_gutter, AWAITLAB, THREAD_GUTTER, GtkSourceGutterRenderer)

struct _AwaitlabThreadGutter
{
  GtkSourceGutterRenderer parent_instance;
  GArray                 *marks;   /* AwaitlabLineMark */
};

G_DEFINE_FINAL_TYPE (AwaitlabThreadGutter, awaitlab_thread_gutter, GTK_SOURCE_TYPE_GUTTER_RENDERER)

static void
awaitlab_thread_gutter_snapshot_line (GtkSourceGutterRenderer *renderer,
                                      GtkSnapshot             *snapshot,
                                      GtkSourceGutterLines    *lines,
                                      guint                    line)
{
  AwaitlabThreadGutter *self = (AwaitlabThreadGutter *)renderer;
  int y, height;
  guint drawn = 0;

  gtk_source_gutter_lines_get_line_yrange (lines, line, GTK_SOURCE_GUTTER_RENDERER_ALIGNMENT_MODE_CELL,
                                           &y, &height);

  for (guint i = 0; i < self->marks->len; i++)
    {
      const AwaitlabLineMark *mark = &g_array_index (self->marks, AwaitlabLineMark, i);
      AwaitlabColor c;
      GskRoundedRect rr;
      double size = MIN (height - 4, 10);
      graphene_rect_t rect;

      if (mark->line != line + 1)
        continue;

      /* Dots side by side; a fourth thread and more overlap the third. */
      awaitlab_thread_color (mark->color_index, &c);
      rect = GRAPHENE_RECT_INIT (3 + MIN (drawn, 2) * (size * 0.8), y + (height - size) / 2, size, size);
      gsk_rounded_rect_init_from_rect (&rr, &rect, size / 2);
      gtk_snapshot_push_rounded_clip (snapshot, &rr);
      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { c.red, c.green, c.blue, 1 }, &rect);
      gtk_snapshot_pop (snapshot);
      drawn++;
    }
}

static void
awaitlab_thread_gutter_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 30 : 0;
}

static void
awaitlab_thread_gutter_finalize (GObject *object)
{
  AwaitlabThreadGutter *self = (AwaitlabThreadGutter *)object;

  g_array_unref (self->marks);

  G_OBJECT_CLASS (awaitlab_thread_gutter_parent_class)->finalize (object);
}

static void
awaitlab_thread_gutter_class_init (AwaitlabThreadGutterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = awaitlab_thread_gutter_finalize;
  GTK_WIDGET_CLASS (klass)->measure = awaitlab_thread_gutter_measure;
  GTK_SOURCE_GUTTER_RENDERER_CLASS (klass)->snapshot_line = awaitlab_thread_gutter_snapshot_line;
}

static void
awaitlab_thread_gutter_init (AwaitlabThreadGutter *self)
{
  self->marks = g_array_new (FALSE, FALSE, sizeof (AwaitlabLineMark));
}

/* ------------------------------------------------------------------------- */
/* Line numbers: blank on the lines a folded header hides.                    */

#define AWAITLAB_TYPE_LINE_NUMBERS (awaitlab_line_numbers_get_type())
G_DECLARE_FINAL_TYPE (AwaitlabLineNumbers, awaitlab_line_numbers, AWAITLAB, LINE_NUMBERS, GtkSourceGutterRendererText)

struct _AwaitlabLineNumbers
{
  GtkSourceGutterRendererText  parent_instance;
  AwaitlabCodeView            *view;   /* unowned: the view owns the gutter */
};

G_DEFINE_FINAL_TYPE (AwaitlabLineNumbers, awaitlab_line_numbers, GTK_SOURCE_TYPE_GUTTER_RENDERER_TEXT)

static void
awaitlab_line_numbers_query_data (GtkSourceGutterRenderer *renderer,
                                  GtkSourceGutterLines    *lines,
                                  guint                    line)
{
  AwaitlabLineNumbers *self = AWAITLAB_LINE_NUMBERS (renderer);
  char text[16] = "";

  if (awaitlab_code_view_line_is_visible (self->view, line + 1))
    g_snprintf (text, sizeof text, "%u", line + 1);
  gtk_source_gutter_renderer_text_set_text (GTK_SOURCE_GUTTER_RENDERER_TEXT (renderer), text, -1);
}

static void
awaitlab_line_numbers_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  GtkSourceBuffer *buffer = gtk_source_gutter_renderer_get_buffer (GTK_SOURCE_GUTTER_RENDERER (widget));
  int lines = buffer != NULL ? gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (buffer)) : 0;
  g_autofree char *widest = g_strdup_printf ("%d", MAX (99, lines));
  int width = 0;

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;
  if (orientation != GTK_ORIENTATION_HORIZONTAL)
    return;
  gtk_source_gutter_renderer_text_measure (GTK_SOURCE_GUTTER_RENDERER_TEXT (widget), widest, &width, NULL);
  *minimum = *natural = width + 2 * gtk_source_gutter_renderer_get_xpad (GTK_SOURCE_GUTTER_RENDERER (widget));
}

static void
awaitlab_line_numbers_class_init (AwaitlabLineNumbersClass *klass)
{
  GTK_WIDGET_CLASS (klass)->measure = awaitlab_line_numbers_measure;
  GTK_SOURCE_GUTTER_RENDERER_CLASS (klass)->query_data = awaitlab_line_numbers_query_data;
}

static void
awaitlab_line_numbers_init (AwaitlabLineNumbers *self)
{
  gtk_source_gutter_renderer_set_xalign (GTK_SOURCE_GUTTER_RENDERER (self), 1.0);
  gtk_source_gutter_renderer_set_xpad (GTK_SOURCE_GUTTER_RENDERER (self), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self), "line-numbers");
}

static GtkSourceGutterRenderer *
awaitlab_line_numbers_new (AwaitlabCodeView *view)
{
  AwaitlabLineNumbers *self = g_object_new (AWAITLAB_TYPE_LINE_NUMBERS, NULL);

  self->view = view;
  return GTK_SOURCE_GUTTER_RENDERER (self);
}

/* ------------------------------------------------------------------------- */

static gboolean awaitlab_code_view_rescroll_once (gpointer data);


G_DEFINE_FINAL_TYPE (AwaitlabCodeView, awaitlab_code_view, GTK_TYPE_WIDGET)

static void
update_scheme (AwaitlabCodeView *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");
  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

static void
awaitlab_code_view_dispose (GObject *object)
{
  AwaitlabCodeView *self = (AwaitlabCodeView *)object;

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  _awaitlab_code_view_note_dispose (self);
  if (self->header_button != NULL)
    {
      gtk_widget_unparent (self->header_button);
      self->header_button = NULL;
    }
  if (self->problems != NULL)
    {
      for (guint i = 0; i < self->problems->len; i++)
        g_free (g_array_index (self->problems, AwaitlabCodeProblem, i).message);
      g_clear_pointer (&self->problems, g_array_unref);
    }
  g_clear_object (&self->buffer);
  g_clear_object (&self->font_css);

  G_OBJECT_CLASS (awaitlab_code_view_parent_class)->dispose (object);
}

static void
awaitlab_code_view_class_init (AwaitlabCodeViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = awaitlab_code_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "codeview");
}


static void
on_view_map (AwaitlabCodeView *self)
{
  g_idle_add_full (G_PRIORITY_LOW, awaitlab_code_view_rescroll_once,
                   g_object_ref (self), g_object_unref);
}

/* The message of a problem under the pointer, as a tooltip. */
static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  AwaitlabCodeView *self = user_data;
  GtkTextIter iter;
  int bx, by;
  guint line, col;

  if (self->problems->len == 0)
    return FALSE;
  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self->view), GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self->view), &iter, bx, by))
    return FALSE;
  line = gtk_text_iter_get_line (&iter) + 1;
  col = gtk_text_iter_get_line_offset (&iter) + 1;

  for (guint i = 0; i < self->problems->len; i++)
    {
      const AwaitlabCodeProblem *p = &g_array_index (self->problems, AwaitlabCodeProblem, i);

      if (p->line == line && col >= p->col && col < p->col + MAX (1, p->length) + 1)
        {
          gtk_tooltip_set_text (tooltip, p->message);
          return TRUE;
        }
    }
  return FALSE;
}

/* ------------------------------------------------------------------------- */
/* The directive header (`// @…` lines and the `@explain` block) is folded   */
/* away so the view opens on the code and a quiz's `@answer` is not shown.    */

/* The number of leading lines that are directives, blank, or the explain block. */
static guint
count_header_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  gboolean in_comment = FALSE;
  guint header = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];

      while (*l == ' ' || *l == '\t')
        l++;
      if (in_comment)
        in_comment = strstr (l, "*/") == NULL;
      else if (g_str_has_prefix (l, "/*"))
        in_comment = strstr (l + 2, "*/") == NULL;
      else if (g_str_has_prefix (l, "// @"))
        ;
      else if (*l == '\0' || *l == '\r')
        {
          if (lines[i + 1] == NULL)
            break;
        }
      else
        break;
      header = i + 1;
    }
  return header;
}

static void
apply_header_fold (AwaitlabCodeView *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;
  g_autofree char *label = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->header_tag, &start, &end);
  if (self->header_folded && self->header_lines > 0)
    {
      gtk_text_buffer_get_iter_at_line (buffer, &end, self->header_lines);
      gtk_text_buffer_apply_tag (buffer, self->header_tag, &start, &end);
    }
  label = g_strdup_printf (self->header_folded ? _("Show the header (%u lines)") : _("Fold the header (%u lines)"),
                           self->header_lines);
  gtk_button_set_label (GTK_BUTTON (self->header_button), label);
  gtk_widget_set_visible (self->header_button, self->header_lines > 0);
}

static void
on_header_clicked (AwaitlabCodeView *self)
{
  awaitlab_code_view_set_header_folded (self, !self->header_folded);
}

/* Folds (hides) or shows the directive header; while folded, a button above
 * the code says how many lines it holds and shows them when clicked. */
void
awaitlab_code_view_set_header_folded (AwaitlabCodeView *self,
                                      gboolean          folded)
{
  g_return_if_fail (AWAITLAB_IS_CODE_VIEW (self));

  self->header_folded = !!folded;
  apply_header_fold (self);
}

gboolean
awaitlab_code_view_get_header_folded (AwaitlabCodeView *self)
{
  g_return_val_if_fail (AWAITLAB_IS_CODE_VIEW (self), FALSE);
  return self->header_folded && self->header_lines > 0;
}

/* Whether line @line (1-based) is shown: not inside a folded header. */
gboolean
awaitlab_code_view_line_is_visible (AwaitlabCodeView *self,
                                    guint             line)
{
  g_return_val_if_fail (AWAITLAB_IS_CODE_VIEW (self), FALSE);
  return !(self->header_folded && line >= 1 && line <= self->header_lines);
}

static void
awaitlab_code_view_init (AwaitlabCodeView *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceGutter *gutter;

  self->buffer = gtk_source_buffer_new (NULL);
  gtk_source_buffer_set_language (self->buffer, gtk_source_language_manager_get_language (languages, "c-sharp"));
  gtk_source_buffer_set_highlight_syntax (self->buffer, TRUE);
  self->highlight_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "playhead-line", NULL);
  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "problem-error",
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                "underline-rgba", &(GdkRGBA) { 0.86, 0.15, 0.15, 1 }, NULL);
  self->warning_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "problem-warning",
                                                  "underline", PANGO_UNDERLINE_ERROR,
                                                  "underline-rgba", &(GdkRGBA) { 0.85, 0.55, 0.0, 1 }, NULL);
  self->header_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "folded-header",
                                                 "invisible", TRUE, NULL);
  self->problems = g_array_new (FALSE, FALSE, sizeof (AwaitlabCodeProblem));
  self->note_gap_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "note-gap", NULL);
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
    self->scroll_mark = gtk_text_buffer_create_mark (GTK_TEXT_BUFFER (self->buffer), "scroll", &start, TRUE);
  }

  self->view = GTK_SOURCE_VIEW (gtk_source_view_new_with_buffer (self->buffer));
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->view), TRUE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self->view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->view), 6);
  /* Our own line numbers (below): GtkSourceView's draw the folded header's last
   * number over the first shown one ("44" over "45"). */
  gtk_source_view_set_show_line_numbers (self->view, FALSE);
  gtk_source_view_set_tab_width (self->view, 4);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "code");

  gutter = gtk_source_view_get_gutter (self->view, GTK_TEXT_WINDOW_LEFT);
  self->gutter = g_object_new (AWAITLAB_TYPE_THREAD_GUTTER, NULL);
  gtk_source_gutter_insert (gutter, GTK_SOURCE_GUTTER_RENDERER (self->gutter), -10);
  gtk_source_gutter_insert (gutter, GTK_SOURCE_GUTTER_RENDERER (awaitlab_line_numbers_new (self)), -30);

  g_signal_connect_swapped (self->view, "map", G_CALLBACK (on_view_map), self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->view), TRUE);
  g_signal_connect (self->view, "query-tooltip", G_CALLBACK (on_query_tooltip), self);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->header_button = gtk_button_new ();
  gtk_widget_add_css_class (self->header_button, "flat");
  gtk_widget_add_css_class (self->header_button, "header-fold");
  gtk_widget_set_visible (self->header_button, FALSE);
  g_signal_connect_swapped (self->header_button, "clicked", G_CALLBACK (on_header_clicked), self);
  gtk_widget_set_parent (self->header_button, GTK_WIDGET (self));

  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->scroller), TRUE);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->view));
  /* The note over the text (awaitlab-code-note.c) holds the scroller. */
  _awaitlab_code_view_note_init (self);

  self->font_css = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->view)),
                                  GTK_STYLE_PROVIDER (self->font_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  awaitlab_code_view_set_font_scale (self, 1.0);

  update_scheme (self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (update_scheme), self);
}

GtkWidget *
awaitlab_code_view_new (void)
{
  return g_object_new (AWAITLAB_TYPE_CODE_VIEW, NULL);
}

void
awaitlab_code_view_set_text (AwaitlabCodeView *self,
                             const char       *text)
{
  g_return_if_fail (AWAITLAB_IS_CODE_VIEW (self));

  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  self->header_lines = count_header_lines (text);
  self->header_folded = TRUE;
  apply_header_fold (self);
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer), FALSE);
  awaitlab_code_view_set_problems (self, NULL, 0);
  self->scrolled_line = 0;
  awaitlab_code_view_set_marks (self, NULL, 0);
  awaitlab_code_view_set_highlight (self, 0, 0);
  awaitlab_code_view_set_note (self, 0, NULL);
}

char *
awaitlab_code_view_dup_text (AwaitlabCodeView *self)
{
  GtkTextIter begin, end;

  g_return_val_if_fail (AWAITLAB_IS_CODE_VIEW (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &begin, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &begin, &end, TRUE);
}

void
awaitlab_code_view_set_marks (AwaitlabCodeView       *self,
                              const AwaitlabLineMark *marks,
                              guint                   n_marks)
{
  GArray *array;

  g_return_if_fail (AWAITLAB_IS_CODE_VIEW (self));

  array = self->gutter->marks;
  if (array->len == n_marks &&
      (n_marks == 0 || memcmp (array->data, marks, n_marks * sizeof *marks) == 0))
    return;

  g_array_set_size (array, 0);
  if (n_marks > 0)
    g_array_append_vals (array, marks, n_marks);
  gtk_widget_queue_draw (GTK_WIDGET (self->gutter));
}

guint
awaitlab_code_view_get_n_marks (AwaitlabCodeView *self)
{
  g_return_val_if_fail (AWAITLAB_IS_CODE_VIEW (self), 0);
  return self->gutter->marks->len;
}

void
awaitlab_code_view_set_highlight (AwaitlabCodeView *self,
                                  guint             line,
                                  guint             color_index)
{
  GtkTextBuffer *buffer;
  GtkTextIter begin, end;
  AwaitlabColor c;
  GdkRGBA rgba;

  g_return_if_fail (AWAITLAB_IS_CODE_VIEW (self));

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  gtk_text_buffer_remove_tag (buffer, self->highlight_tag, &begin, &end);
  self->highlight_line = line;

  if (line == 0 || line > (guint)gtk_text_buffer_get_line_count (buffer))
    return;

  awaitlab_thread_color (color_index, &c);
  /* Strong enough to find from the back of a room. */
  rgba = (GdkRGBA) { c.red, c.green, c.blue, 0.38 };
  g_object_set (self->highlight_tag, "paragraph-background-rgba", &rgba, NULL);

  gtk_text_buffer_get_iter_at_line (buffer, &begin, line - 1);
  end = begin;
  gtk_text_iter_forward_line (&end);
  gtk_text_buffer_apply_tag (buffer, self->highlight_tag, &begin, &end);
}

guint
awaitlab_code_view_get_highlight (AwaitlabCodeView *self)
{
  g_return_val_if_fail (AWAITLAB_IS_CODE_VIEW (self), 0);
  return self->highlight_line;
}

void
awaitlab_code_view_scroll_to_line (AwaitlabCodeView *self,
                                   guint             line)
{
  GtkTextIter iter;

  g_return_if_fail (AWAITLAB_IS_CODE_VIEW (self));

  if (line == 0)
    return;
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), &iter, line - 1);
  gtk_text_buffer_move_mark (GTK_TEXT_BUFFER (self->buffer), self->scroll_mark, &iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), self->scroll_mark, 0.1, TRUE, 0, 0.3);
}

void
awaitlab_code_view_set_font_scale (AwaitlabCodeView *self,
                                   double            scale)
{
  g_autofree char *css = NULL;

  g_return_if_fail (AWAITLAB_IS_CODE_VIEW (self));

  /* The note is not inside the text view: it gets its size here too. */
  self->font_scale = scale;
  css = g_strdup_printf ("textview { font-size: %.1fpt; }\n"
                         "label.line-note { font-size: %.1fpt; }", 11.0 * scale, 0.95 * 11.0 * scale);
  gtk_css_provider_load_from_data (self->font_css, css, -1);
  /* The note's label grows with the text: its gap must too. */
  _awaitlab_code_view_schedule_note (self);
}

/* Scrolls to the last requested line again: before the view's lines are
 * measured, the first scroll lands on an estimate. */
void
awaitlab_code_view_rescroll (AwaitlabCodeView *self)
{
  g_return_if_fail (AWAITLAB_IS_CODE_VIEW (self));

  if (self->scrolled_line > 0)
    gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), self->scroll_mark, 0.1, TRUE, 0, 0.35);
}

static gboolean
awaitlab_code_view_rescroll_once (gpointer data)
{
  awaitlab_code_view_rescroll (data);
  _awaitlab_code_view_place_note (data);
  return G_SOURCE_REMOVE;
}

/* Keeps @line in view, scrolling only when it is outside the middle 80 % of
 * the view, and then putting it a third of the way down (scenarios open with
 * a long directive header; stepping must not make the code jump). A mark, not
 * an iter: it still works before the lines have been measured. */
void
awaitlab_code_view_reveal_line (AwaitlabCodeView *self,
                                guint             line)
{
  GtkTextView *view;
  GtkTextIter iter;
  GdkRectangle visible;
  int y, height;

  g_return_if_fail (AWAITLAB_IS_CODE_VIEW (self));

  if (line == 0 || line > (guint)gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (self->buffer)))
    return;
  view = GTK_TEXT_VIEW (self->view);
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), &iter, line - 1);
  gtk_text_buffer_move_mark (GTK_TEXT_BUFFER (self->buffer), self->scroll_mark, &iter);
  self->scrolled_line = line;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_line_yrange (view, &iter, &y, &height);
  if (visible.height > 0 && y >= visible.y + visible.height / 10 &&
      y + height <= visible.y + visible.height - visible.height / 10)
    return;
  gtk_text_view_scroll_to_mark (view, self->scroll_mark, 0.1, TRUE, 0, 0.35);
}

void
awaitlab_code_view_set_editable (AwaitlabCodeView *self,
                                 gboolean          editable)
{
  g_return_if_fail (AWAITLAB_IS_CODE_VIEW (self));

  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view), editable);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self->view), editable);
}

GtkTextBuffer *
awaitlab_code_view_get_buffer (AwaitlabCodeView *self)
{
  g_return_val_if_fail (AWAITLAB_IS_CODE_VIEW (self), NULL);
  return GTK_TEXT_BUFFER (self->buffer);
}

/* Underlines each problem (from col, length characters; the whole rest of the
 * line if the range is empty). */
void
awaitlab_code_view_set_problems (AwaitlabCodeView          *self,
                                 const AwaitlabCodeProblem *problems,
                                 guint                      n_problems)
{
  GtkTextBuffer *buffer;
  GtkTextIter begin, end;

  g_return_if_fail (AWAITLAB_IS_CODE_VIEW (self));

  for (guint i = 0; i < self->problems->len; i++)
    g_free (g_array_index (self->problems, AwaitlabCodeProblem, i).message);
  g_array_set_size (self->problems, 0);

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  gtk_text_buffer_remove_tag (buffer, self->error_tag, &begin, &end);
  gtk_text_buffer_remove_tag (buffer, self->warning_tag, &begin, &end);

  for (guint i = 0; i < n_problems; i++)
    {
      AwaitlabCodeProblem copy = problems[i];

      copy.message = g_strdup (problems[i].message);
      g_array_append_val (self->problems, copy);
      if (copy.line == 0 || copy.line > (guint)gtk_text_buffer_get_line_count (buffer))
        continue;

      gtk_text_buffer_get_iter_at_line_offset (buffer, &begin, copy.line - 1, 0);
      end = begin;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      if (copy.col > 1 && copy.col - 1 < (guint)gtk_text_iter_get_line_offset (&end))
        gtk_text_iter_set_line_offset (&begin, copy.col - 1);
      if (copy.length > 0)
        {
          GtkTextIter e = begin;

          gtk_text_iter_forward_chars (&e, copy.length);
          if (gtk_text_iter_compare (&e, &end) < 0)
            end = e;
        }
      if (gtk_text_iter_equal (&begin, &end) && !gtk_text_iter_starts_line (&begin))
        gtk_text_iter_backward_char (&begin);
      gtk_text_buffer_apply_tag (buffer, copy.error ? self->error_tag : self->warning_tag, &begin, &end);
    }
}

guint
awaitlab_code_view_get_n_problems (AwaitlabCodeView *self)
{
  g_return_val_if_fail (AWAITLAB_IS_CODE_VIEW (self), 0);
  return self->problems->len;
}

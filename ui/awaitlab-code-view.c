/* awaitlab-code-view.c */

#include <adwaita.h>
#include <string.h>
#include <gtksourceview/gtksource.h>

#include "awaitlab-code-view.h"
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

static gboolean awaitlab_code_view_rescroll_once (gpointer data);

struct _AwaitlabCodeView
{
  GtkWidget             parent_instance;

  GtkScrolledWindow    *scroller;
  GtkSourceView        *view;
  GtkSourceBuffer      *buffer;
  AwaitlabThreadGutter *gutter;
  GtkTextTag           *highlight_tag;
  GtkTextMark          *scroll_mark;
  guint                 scrolled_line;
  GtkCssProvider       *font_css;
  guint                 highlight_line;
};

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
  if (self->scroller != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->scroller));
      self->scroller = NULL;
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
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "codeview");
}

static void
on_view_map (AwaitlabCodeView *self)
{
  g_idle_add_full (G_PRIORITY_LOW, awaitlab_code_view_rescroll_once,
                   g_object_ref (self), g_object_unref);
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
  gtk_source_view_set_show_line_numbers (self->view, TRUE);
  gtk_source_view_set_tab_width (self->view, 4);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "code");

  gutter = gtk_source_view_get_gutter (self->view, GTK_TEXT_WINDOW_LEFT);
  self->gutter = g_object_new (AWAITLAB_TYPE_THREAD_GUTTER, NULL);
  gtk_source_gutter_insert (gutter, GTK_SOURCE_GUTTER_RENDERER (self->gutter), -10);

  g_signal_connect_swapped (self->view, "map", G_CALLBACK (on_view_map), self);

  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->view));
  gtk_widget_set_parent (GTK_WIDGET (self->scroller), GTK_WIDGET (self));

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

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text ? text : "", -1);
  self->scrolled_line = 0;
  awaitlab_code_view_set_marks (self, NULL, 0);
  awaitlab_code_view_set_highlight (self, 0, 0);
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
    {
      GtkTextIter iter;

      g_array_append_vals (array, marks, n_marks);

      /* Keep the first thread's line in view, scrolling as little as possible
       * (scenarios open with a long directive header). A mark, not an iter:
       * it still works before the lines have been measured. */
      if (marks[0].line != self->scrolled_line)
        {
          self->scrolled_line = marks[0].line;
          gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), &iter, marks[0].line - 1);
          gtk_text_buffer_move_mark (GTK_TEXT_BUFFER (self->buffer), self->scroll_mark, &iter);
          gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), self->scroll_mark, 0.1, TRUE, 0, 0.35);
        }
    }
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
  rgba = (GdkRGBA) { c.red, c.green, c.blue, 0.22 };
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

  css = g_strdup_printf ("textview { font-size: %.1fpt; }", 11.0 * scale);
  gtk_css_provider_load_from_data (self->font_css, css, -1);
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
  return G_SOURCE_REMOVE;
}

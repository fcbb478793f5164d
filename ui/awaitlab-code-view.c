/* awaitlab-code-view.c */

#include <adwaita.h>
#include <glib/gi18n.h>
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
  GtkOverlay           *note_overlay; /* the scroller, and the note over it */
  GtkSourceView        *view;
  GtkSourceBuffer      *buffer;
  AwaitlabThreadGutter *gutter;
  GtkTextTag           *highlight_tag;
  GtkTextMark          *scroll_mark;
  guint                 scrolled_line;
  GtkCssProvider       *font_css;
  guint                 highlight_line;
  GtkTextTag           *error_tag;
  GtkTextTag           *warning_tag;
  GArray               *problems;   /* AwaitlabCodeProblem, messages owned */
  GtkTextTag           *header_tag; /* invisible: the folded directive header */
  GtkWidget            *header_button;
  guint                 header_lines;
  guint                 header_folded : 1;
  GtkWidget            *note_label; /* the @note of the executing line, over the text */
  int                   note_bx;      /* where, in buffer coordinates */
  int                   note_by;
  GtkTextTag           *note_gap_tag; /* room under the line for the note */
  guint                 note_below : 1;
  int                   note_x;
  guint                 note_idle;     /* tick callback id */
  guint                 note_frames;   /* left before the tick stops */
  guint                 note_reveal;   /* frames left to scroll the new note into view */
  guint                 note_line;
  double                font_scale;    /* of the text, 1.0 normally */
  guint                 note_gap_line; /* the line carrying the gap tag, 0 if none */
  int                   note_gap;      /* its pixels below the line */
  int                   note_width;    /* the label's size request */
  int                   note_seen_y;   /* the line's range on the last frame */
  int                   note_seen_h;
  int                   note_seen_w;
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
  if (self->note_idle != 0 && self->view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->view), self->note_idle);
  self->note_idle = 0;
  if (self->scroller != NULL)
    {
      g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_vadjustment (self->scroller), self);
      g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_hadjustment (self->scroller), self);
      gtk_widget_unparent (GTK_WIDGET (self->note_overlay));
      self->note_overlay = NULL;
      self->scroller = NULL;
    }
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

static void place_note (AwaitlabCodeView *self);
static void on_adjustment_changed (AwaitlabCodeView *self);
static void on_scrolled (AwaitlabCodeView *self);
static gboolean on_note_position (GtkOverlay *overlay, GtkWidget *widget, GdkRectangle *allocation, gpointer data);
static void schedule_note (AwaitlabCodeView *self);

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
  gtk_source_view_set_show_line_numbers (self->view, TRUE);
  gtk_source_view_set_tab_width (self->view, 4);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "code");

  gutter = gtk_source_view_get_gutter (self->view, GTK_TEXT_WINDOW_LEFT);
  self->gutter = g_object_new (AWAITLAB_TYPE_THREAD_GUTTER, NULL);
  gtk_source_gutter_insert (gutter, GTK_SOURCE_GUTTER_RENDERER (self->gutter), -10);

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
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                            G_CALLBACK (on_adjustment_changed), self);
  g_signal_connect_swapped (gtk_scrolled_window_get_hadjustment (self->scroller), "changed",
                            G_CALLBACK (on_adjustment_changed), self);
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                            G_CALLBACK (on_scrolled), self);
  g_signal_connect_swapped (gtk_scrolled_window_get_hadjustment (self->scroller), "value-changed",
                            G_CALLBACK (on_scrolled), self);
  /* The note floats over the text in an overlay of our own, placed from the
   * text's current layout at every allocation (GTK 4.8's text view overlays
   * keep a stale scroll offset after some relayouts). */
  self->note_overlay = GTK_OVERLAY (gtk_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->note_overlay), TRUE);
  gtk_overlay_set_child (self->note_overlay, GTK_WIDGET (self->scroller));
  g_signal_connect (self->note_overlay, "get-child-position", G_CALLBACK (on_note_position), self);
  gtk_widget_set_parent (GTK_WIDGET (self->note_overlay), GTK_WIDGET (self));

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
  schedule_note (self);
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
  place_note (data);
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

/* ------------------------------------------------------------------------- */
/* The note next to the executing line                                      */

/* In pixels at the normal type size: the note's widths grow with the type
 * (presentation mode), so its lines keep about as many words. */
#define NOTE_GAP       28
#define NOTE_MIN_WIDTH ((int) (220 * self->font_scale))
#define NOTE_MAX_WIDTH ((int) (460 * self->font_scale))
#define NOTE_PAD       8    /* the gap's height beyond the note's */
#define NOTE_STILL_FRAMES 4 /* frames the line must hold still before the note stops following */

/* Moves the note to its line as laid out now: after the end of the line, or
 * into the gap under it. */
static void
move_note (AwaitlabCodeView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->view);
  GtkTextIter start, end;
  GdkRectangle loc;
  int line_y, line_h;

  if (self->note_label == NULL || self->note_line == 0)
    return;
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), &start, self->note_line - 1);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_view_get_iter_location (view, &end, &loc);
  /* The line's range includes the gap below it: the note starts where the text ends. */
  gtk_text_view_get_line_yrange (view, &start, &line_y, &line_h);
  if (self->note_below)
    {
      GdkRectangle first;

      /* A character's rectangle: the text's own height, without the gap. */
      gtk_text_view_get_iter_location (view, &start, &first);
      self->note_bx = self->note_x;
      self->note_by = MIN (first.y + first.height, line_y + line_h - self->note_gap) + NOTE_PAD / 2;
    }
  else
    {
      self->note_bx = loc.x + NOTE_GAP;
      self->note_by = line_y;
    }
  gtk_widget_queue_allocate (GTK_WIDGET (self->note_overlay));
}

/* The note's allocation: its place in the buffer, in the overlay's
 * coordinates as the text is laid out and scrolled now. */
static gboolean
on_note_position (GtkOverlay   *overlay,
                  GtkWidget    *widget,
                  GdkRectangle *allocation,
                  gpointer      data)
{
  AwaitlabCodeView *self = data;
  GtkTextView *view = GTK_TEXT_VIEW (self->view);
  graphene_point_t origin;
  int x, y, min_h, nat_h;

  if (widget != self->note_label)
    return FALSE;
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, self->note_bx, self->note_by, &x, &y);
  if (!gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (overlay), &GRAPHENE_POINT_INIT (x, y), &origin))
    return FALSE;
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, self->note_width, &min_h, &nat_h, NULL, NULL);
  allocation->x = (int) origin.x;
  allocation->y = (int) origin.y;
  allocation->width = self->note_width;
  allocation->height = nat_h;
  return TRUE;
}

/* While a new or resized gap is laid out: scrolls, if needed, so that its line
 * and the gap under it are in view (the line alone was revealed before the
 * gap was opened or grew). Otherwise the user's scrolling is left alone. */
static void
reveal_note (AwaitlabCodeView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->view);
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  GtkTextIter start;
  GdkRectangle visible;
  int line_y, line_h;

  if (vadj == NULL || !self->note_below)
    return;
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), &start, self->note_line - 1);
  gtk_text_view_get_line_yrange (view, &start, &line_y, &line_h);
  gtk_text_view_get_visible_rect (view, &visible);
  if (visible.height <= 0 || (line_y >= visible.y && line_y + line_h <= visible.y + visible.height))
    return;
  /* The bottom of the gap at the bottom of the view, unless that hides the line. */
  gtk_adjustment_set_value (vadj, MIN (line_y, line_y + line_h - visible.height + NOTE_PAD));
}

static void clear_note_gap (AwaitlabCodeView *self);

/* At the end of the line when there is room. Otherwise in a gap opened under
 * the line (a tag with pixels-below-lines, as tall as the note at the current
 * font and width), so the note never covers the code that runs next. Safe to
 * call again and again: it changes the text's layout only when the gap's
 * line or height must change (each change relays the text out, and a
 * relayout calls this again). */
static void
place_note (AwaitlabCodeView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->view);
  GtkTextIter start, end;
  GdkRectangle visible, loc, first;
  int room, width, min_h, nat_h;

  if (self->note_label == NULL || self->note_line == 0 || !gtk_widget_get_visible (self->note_label))
    return;

  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), &start, self->note_line - 1);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_view_get_iter_location (view, &end, &loc);
  gtk_text_view_get_visible_rect (view, &visible);

  room = visible.x + visible.width - (loc.x + NOTE_GAP) - 12;
  self->note_below = room < NOTE_MIN_WIDTH;
  if (!self->note_below)
    {
      clear_note_gap (self);
      width = MIN (room, NOTE_MAX_WIDTH);
      if (width != self->note_width)
        gtk_widget_set_size_request (self->note_label, width, -1);
      self->note_width = width;
      move_note (self);
      return;
    }

  /* Under the line, from its first character. */
  while (!gtk_text_iter_ends_line (&start) && g_unichar_isspace (gtk_text_iter_get_char (&start)))
    gtk_text_iter_forward_char (&start);
  gtk_text_view_get_iter_location (view, &start, &first);
  first.x = MIN (first.x, visible.x + visible.width / 3);
  width = MAX (160, MIN (NOTE_MAX_WIDTH + 160, visible.x + visible.width - first.x - 16));
  if (width != self->note_width)
    gtk_widget_set_size_request (self->note_label, width, -1);
  self->note_width = width;
  /* Measured now, with the font the label has now: after a font change the
   * old gap is too small. */
  gtk_widget_measure (self->note_label, GTK_ORIENTATION_VERTICAL, width, &min_h, &nat_h, NULL, NULL);
  if (self->note_gap_line != self->note_line || self->note_gap != nat_h + NOTE_PAD)
    {
      clear_note_gap (self);
      self->note_gap = nat_h + NOTE_PAD;
      g_object_set (self->note_gap_tag, "pixels-below-lines", self->note_gap, NULL);
      gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), &start, self->note_line - 1);
      end = start;
      gtk_text_iter_forward_line (&end);
      gtk_text_buffer_apply_tag (GTK_TEXT_BUFFER (self->buffer), self->note_gap_tag, &start, &end);
      self->note_gap_line = self->note_line;
      /* A new or taller gap may reach past the view: bring it in. */
      self->note_reveal = NOTE_STILL_FRAMES * 2;
    }
  self->note_x = first.x;
  move_note (self);
}

/* The text view lays lines out lazily (and again after a font or width
 * change, over several frames): place the note again on each frame until its
 * line's position has held still for a few frames. */
static gboolean
place_note_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  AwaitlabCodeView *self = data;
  GtkTextIter start;
  int line_y = -1, line_h = -1;

  place_note (self);
  if (self->note_reveal > 0)
    {
      reveal_note (self);
      self->note_reveal--;
    }
  if (self->note_line > 0)
    {
      gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), &start, self->note_line - 1);
      gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (self->view), &start, &line_y, &line_h);
    }
  if (line_y != self->note_seen_y || line_h != self->note_seen_h || self->note_width != self->note_seen_w)
    {
      self->note_seen_y = line_y;
      self->note_seen_h = line_h;
      self->note_seen_w = self->note_width;
      self->note_frames = NOTE_STILL_FRAMES;
    }
  if (--self->note_frames > 0)
    return G_SOURCE_CONTINUE;
  self->note_idle = 0;
  self->note_reveal = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule_note (AwaitlabCodeView *self)
{
  if (self->note_label == NULL || self->note_line == 0 || self->view == NULL)
    return;
  self->note_frames = NOTE_STILL_FRAMES;
  if (self->note_idle == 0)
    self->note_idle = gtk_widget_add_tick_callback (GTK_WIDGET (self->view), place_note_tick, self, NULL);
}

/* The text's height or the view's width changed (a font change, lines laid
 * out, a resize): the note's place and gap follow, from the next frame (not
 * from inside the layout that reported the change). */
static void
on_adjustment_changed (AwaitlabCodeView *self)
{
  schedule_note (self);
}

static void
clear_note_gap (AwaitlabCodeView *self)
{
  GtkTextIter begin, end;

  if (self->note_gap_line == 0)
    return;
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &begin, &end);
  gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self->buffer), self->note_gap_tag, &begin, &end);
  self->note_gap_line = 0;
  self->note_gap = 0;
}

/* Scrolling moves the text under the overlay: the note goes with it. */
static void
on_scrolled (AwaitlabCodeView *self)
{
  if (self->note_label != NULL && self->note_line != 0)
    gtk_widget_queue_allocate (GTK_WIDGET (self->note_overlay));
}

/* TRUE once the note (if any) has found its final place: nothing is pending
 * for the next frames. Screenshots wait for it. */
gboolean
awaitlab_code_view_get_settled (AwaitlabCodeView *self)
{
  g_return_val_if_fail (AWAITLAB_IS_CODE_VIEW (self), TRUE);
  return self->note_idle == 0;
}

/* Shows @markup (Pango) next to @line; NULL or line 0 hides the note. */
void
awaitlab_code_view_set_note (AwaitlabCodeView *self,
                             guint             line,
                             const char       *markup)
{
  g_return_if_fail (AWAITLAB_IS_CODE_VIEW (self));

  if (line == 0 || markup == NULL ||
      line > (guint)gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (self->buffer)))
    {
      if (self->note_label != NULL)
        gtk_widget_set_visible (self->note_label, FALSE);
      self->note_line = 0;
      clear_note_gap (self);
      return;
    }

  if (self->note_label == NULL)
    {
      self->note_label = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (self->note_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (self->note_label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (self->note_label), 0);
      gtk_widget_add_css_class (self->note_label, "line-note");
      gtk_style_context_add_provider (gtk_widget_get_style_context (self->note_label),
                                      GTK_STYLE_PROVIDER (self->font_css),
                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
      gtk_widget_set_halign (self->note_label, GTK_ALIGN_START);
      gtk_widget_set_valign (self->note_label, GTK_ALIGN_START);
      gtk_overlay_add_overlay (self->note_overlay, self->note_label);
      gtk_overlay_set_clip_overlay (self->note_overlay, self->note_label, TRUE);
    }
  if (line == self->note_line && gtk_widget_get_visible (self->note_label) &&
      g_strcmp0 (markup, gtk_label_get_label (GTK_LABEL (self->note_label))) == 0)
    return;
  if (line != self->note_line)
    clear_note_gap (self);
  self->note_line = line;
  gtk_label_set_markup (GTK_LABEL (self->note_label), markup);
  gtk_widget_set_visible (self->note_label, TRUE);
  place_note (self);
  schedule_note (self);
}

/* The text of the note shown (NULL if none), for tests. */
const char *
awaitlab_code_view_get_note (AwaitlabCodeView *self,
                             guint            *line)
{
  g_return_val_if_fail (AWAITLAB_IS_CODE_VIEW (self), NULL);

  if (line != NULL)
    *line = self->note_line;
  if (self->note_label == NULL || self->note_line == 0)
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->note_label));
}

/* Where the note is, where its line's text is (from its first to its last
 * character) and where the next line starts, in the code view's coordinates,
 * for tests. FALSE without a note. */
gboolean
awaitlab_code_view_get_note_geometry (AwaitlabCodeView *self,
                                      graphene_rect_t  *note,
                                      graphene_rect_t  *text,
                                      double           *next_line_y)
{
  GtkTextView *view;
  GtkTextIter start, end;
  GdkRectangle first, last;
  int line_y, line_h, x, y, next_y;
  graphene_point_t origin;

  g_return_val_if_fail (AWAITLAB_IS_CODE_VIEW (self), FALSE);

  if (self->note_label == NULL || self->note_line == 0 || !gtk_widget_get_mapped (self->note_label))
    return FALSE;
  view = GTK_TEXT_VIEW (self->view);
  if (!gtk_widget_compute_bounds (self->note_label, GTK_WIDGET (self), note) ||
      !gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (self), &GRAPHENE_POINT_INIT (0, 0), &origin))
    return FALSE;
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), &start, self->note_line - 1);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_view_get_iter_location (view, &start, &first);
  gtk_text_view_get_iter_location (view, &end, &last);
  gtk_text_view_get_line_yrange (view, &start, &line_y, &line_h);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, first.x, first.y, &x, &y);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, 0, line_y + line_h, NULL, &next_y);
  /* From the line's start to its end, as tall as its text. */
  graphene_rect_init (text, origin.x + x, origin.y + y, last.x - first.x, first.height);
  *next_line_y = origin.y + next_y;
  return TRUE;
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

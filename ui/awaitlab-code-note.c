/* awaitlab-code-note.c
 *
 * The @note of the executing line, as a bubble over the code: after the end
 * of the line when there is room, else in a gap opened under the line (a
 * tag's pixels-below-lines) so that it never covers code. It floats in a
 * GtkOverlay of the code view's own and is placed, at every allocation, from
 * the text's current layout; the gap is measured again whenever the type or
 * the width changes, and placing goes on each frame until the line has held
 * still.
 */

#include "awaitlab-code-view-private.h"

static void on_adjustment_changed (AwaitlabCodeView *self);
static void on_scrolled (AwaitlabCodeView *self);
static gboolean on_note_position (GtkOverlay *overlay, GtkWidget *widget, GdkRectangle *allocation, gpointer data);

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
void
_awaitlab_code_view_place_note (AwaitlabCodeView *self)
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

  _awaitlab_code_view_place_note (self);
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

void
_awaitlab_code_view_schedule_note (AwaitlabCodeView *self)
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
  _awaitlab_code_view_schedule_note (self);
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
  _awaitlab_code_view_place_note (self);
  _awaitlab_code_view_schedule_note (self);
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

/* The scroller goes into an overlay of our own, with the note over it; the
 * scroller's adjustments tell when the text relays out, is resized or
 * scrolls. */
void
_awaitlab_code_view_note_init (AwaitlabCodeView *self)
{
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                            G_CALLBACK (on_adjustment_changed), self);
  g_signal_connect_swapped (gtk_scrolled_window_get_hadjustment (self->scroller), "changed",
                            G_CALLBACK (on_adjustment_changed), self);
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                            G_CALLBACK (on_scrolled), self);
  g_signal_connect_swapped (gtk_scrolled_window_get_hadjustment (self->scroller), "value-changed",
                            G_CALLBACK (on_scrolled), self);
  /* Not a GtkTextView overlay: GTK 4.8's text view keeps a stale scroll
   * offset for those after some relayouts. */
  self->note_overlay = GTK_OVERLAY (gtk_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->note_overlay), TRUE);
  gtk_overlay_set_child (self->note_overlay, GTK_WIDGET (self->scroller));
  g_signal_connect (self->note_overlay, "get-child-position", G_CALLBACK (on_note_position), self);
  gtk_widget_set_parent (GTK_WIDGET (self->note_overlay), GTK_WIDGET (self));
}

void
_awaitlab_code_view_note_dispose (AwaitlabCodeView *self)
{
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
}

/* awaitlab-code-view-private.h
 *
 * The code view's parts shared by awaitlab-code-view.c (the text, its marks
 * and folding) and awaitlab-code-note.c (the @note bubble over the text).
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "awaitlab-code-view.h"

G_BEGIN_DECLS

typedef struct _AwaitlabThreadGutter AwaitlabThreadGutter;

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

/* awaitlab-code-note.c */
void _awaitlab_code_view_note_init      (AwaitlabCodeView *self);
void _awaitlab_code_view_note_dispose   (AwaitlabCodeView *self);
void _awaitlab_code_view_place_note     (AwaitlabCodeView *self);
void _awaitlab_code_view_schedule_note  (AwaitlabCodeView *self);

G_END_DECLS

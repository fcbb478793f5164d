/* awaitlab-code-view.h
 *
 * The scenario source with C# highlighting. At the playhead each thread's
 * current line carries a dot of that thread's colour in the gutter; the
 * executing line is highlighted in its thread's colour, kept in view, and its
 * @note is shown next to it.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  guint line;          /* 1-based */
  guint color_index;   /* awaitlab_thread_color() index (the lane) */
} AwaitlabLineMark;

typedef struct
{
  guint     line;        /* 1-based */
  guint     col;         /* 1-based, characters */
  guint     length;      /* characters, 0 = to the end of the line */
  gboolean  error;       /* FALSE = warning */
  char     *message;
} AwaitlabCodeProblem;

#define AWAITLAB_TYPE_CODE_VIEW (awaitlab_code_view_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabCodeView, awaitlab_code_view, AWAITLAB, CODE_VIEW, GtkWidget)

GtkWidget  *awaitlab_code_view_new            (void);
void        awaitlab_code_view_set_text       (AwaitlabCodeView       *self,
                                               const char             *text);
char       *awaitlab_code_view_dup_text       (AwaitlabCodeView       *self);
void        awaitlab_code_view_set_marks      (AwaitlabCodeView       *self,
                                               const AwaitlabLineMark *marks,
                                               guint                   n_marks);
guint       awaitlab_code_view_get_n_marks    (AwaitlabCodeView       *self);
void        awaitlab_code_view_set_highlight  (AwaitlabCodeView       *self,
                                               guint                   line,
                                               guint                   color_index);
guint       awaitlab_code_view_get_highlight  (AwaitlabCodeView       *self);
void        awaitlab_code_view_scroll_to_line (AwaitlabCodeView       *self,
                                               guint                   line);
void        awaitlab_code_view_rescroll       (AwaitlabCodeView       *self);
void        awaitlab_code_view_reveal_line    (AwaitlabCodeView       *self,
                                               guint                   line);
void        awaitlab_code_view_set_note       (AwaitlabCodeView       *self,
                                               guint                   line,
                                               const char             *markup);
const char *awaitlab_code_view_get_note       (AwaitlabCodeView       *self,
                                               guint                  *line);
gboolean    awaitlab_code_view_get_note_geometry (AwaitlabCodeView   *self,
                                                  graphene_rect_t    *note,
                                                  graphene_rect_t    *text,
                                                  double             *next_line_y);
gboolean    awaitlab_code_view_get_settled    (AwaitlabCodeView       *self);
void        awaitlab_code_view_set_font_scale (AwaitlabCodeView       *self,
                                               double                  scale);
void        awaitlab_code_view_set_editable   (AwaitlabCodeView       *self,
                                               gboolean                editable);
void        awaitlab_code_view_set_header_folded (AwaitlabCodeView    *self,
                                                  gboolean             folded);
gboolean    awaitlab_code_view_get_header_folded (AwaitlabCodeView    *self);
gboolean    awaitlab_code_view_line_is_visible   (AwaitlabCodeView    *self,
                                                  guint                line);
GtkTextBuffer *awaitlab_code_view_get_buffer  (AwaitlabCodeView       *self);
void        awaitlab_code_view_set_problems   (AwaitlabCodeView          *self,
                                               const AwaitlabCodeProblem *problems,
                                               guint                      n_problems);
guint       awaitlab_code_view_get_n_problems (AwaitlabCodeView       *self);

G_END_DECLS

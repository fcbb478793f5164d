/* awaitlab-inspector-list.h
 *
 * The Inspector's lists: each a GtkListView over a GListStore of
 * AwaitlabInspectorRow (markup, an optional badge, and what activating it
 * shows: a lane, a code line, an async method). Only the visible rows get
 * widgets, so a run with thousands of tasks lists them all.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AWAITLAB_TYPE_INSPECTOR_ROW (awaitlab_inspector_row_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabInspectorRow, awaitlab_inspector_row, AWAITLAB, INSPECTOR_ROW, GObject)

AwaitlabInspectorRow *awaitlab_inspector_row_new        (const char           *markup,
                                                         const char           *badge,
                                                         const char           *badge_class,
                                                         int                   lane,
                                                         guint                 line);
const char           *awaitlab_inspector_row_get_markup (AwaitlabInspectorRow *self);
const char           *awaitlab_inspector_row_get_badge  (AwaitlabInspectorRow *self);
int                   awaitlab_inspector_row_get_lane   (AwaitlabInspectorRow *self);
guint                 awaitlab_inspector_row_get_line   (AwaitlabInspectorRow *self);
const char           *awaitlab_inspector_row_get_method (AwaitlabInspectorRow *self);
void                  awaitlab_inspector_row_set_method (AwaitlabInspectorRow *self,
                                                         const char           *method);

/* A list view showing @store's rows (in a scroller once it is long). */
GtkWidget            *awaitlab_inspector_list_new       (GListStore           *store,
                                                         GtkListView         **view);
/* The text of every row of @view, one line each (for tests). */
gboolean              awaitlab_inspector_list_append_text (GtkListView        *view,
                                                         GString              *out);

G_END_DECLS

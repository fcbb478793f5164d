/* awaitlab-sidebar.h
 *
 * The question browser: search, the built-in catalogue grouped by topic, and
 * recent files. It opens nothing itself; it asks through its signals.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AWAITLAB_TYPE_SIDEBAR (awaitlab_sidebar_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabSidebar, awaitlab_sidebar, AWAITLAB, SIDEBAR, GtkWidget)

GListModel *awaitlab_sidebar_get_catalogue      (AwaitlabSidebar *self);
void        awaitlab_sidebar_select_resource    (AwaitlabSidebar *self,
                                                 const char      *resource_path);
void        awaitlab_sidebar_focus_search       (AwaitlabSidebar *self);
void        awaitlab_sidebar_set_search         (AwaitlabSidebar *self,
                                                 const char      *text);
guint       awaitlab_sidebar_get_n_results      (AwaitlabSidebar *self);

G_END_DECLS

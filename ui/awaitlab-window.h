/* awaitlab-window.h */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AWAITLAB_TYPE_WINDOW (awaitlab_window_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabWindow, awaitlab_window, AWAITLAB, WINDOW, AdwApplicationWindow)

AwaitlabWindow *awaitlab_window_new            (GtkApplication *application);
void            awaitlab_window_open_file      (AwaitlabWindow *self,
                                                GFile          *file);
void            awaitlab_window_open_resource  (AwaitlabWindow *self,
                                                const char     *resource_path);
gboolean        awaitlab_window_open_question  (AwaitlabWindow *self,
                                                guint           number);

G_END_DECLS

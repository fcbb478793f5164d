/* awaitlab-screenshot.h
 *
 * Renders a whole window offscreen to PNG through GtkWidgetPaintable and the
 * window's GskRenderer — what `awaitlab --screenshot` and the docs use.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean awaitlab_screenshot_widget (GtkWidget   *widget,
                                     const char  *path,
                                     GError     **error);

G_END_DECLS

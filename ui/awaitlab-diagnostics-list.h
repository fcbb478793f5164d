/* awaitlab-diagnostics-list.h
 *
 * The errors and warnings of the edited text, under the code: one row each,
 * shown only while there is one. Activating a row asks to go to its line.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

struct _AwlDiagnostics;

#define AWAITLAB_TYPE_DIAGNOSTICS_LIST (awaitlab_diagnostics_list_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabDiagnosticsList, awaitlab_diagnostics_list, AWAITLAB, DIAGNOSTICS_LIST, GtkWidget)

void  awaitlab_diagnostics_list_set_diagnostics (AwaitlabDiagnosticsList      *self,
                                                 const struct _AwlDiagnostics *diagnostics);
guint awaitlab_diagnostics_list_get_n_rows      (AwaitlabDiagnosticsList      *self);
void  awaitlab_diagnostics_list_activate_first  (AwaitlabDiagnosticsList      *self);

G_END_DECLS

/* awaitlab-document.h
 *
 * One opened scenario and its run: the text, the teaching material and the
 * timeline. Loading parses and simulates on a GTask worker thread so the
 * window never blocks; everything GTK-side reads the finished document.
 */

#pragma once

#include <gio/gio.h>

#include "awaitlab-timeline.h"
#include "awl-scenario.h"

G_BEGIN_DECLS

#define AWAITLAB_DOCUMENT_ERROR (awaitlab_document_error_quark())

typedef enum
{
  AWAITLAB_DOCUMENT_ERROR_UNAVAILABLE,
  AWAITLAB_DOCUMENT_ERROR_INVALID,
} AwaitlabDocumentError;

#define AWAITLAB_TYPE_DOCUMENT (awaitlab_document_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabDocument, awaitlab_document, AWAITLAB, DOCUMENT, GObject)

GQuark            awaitlab_document_error_quark      (void);
void              awaitlab_document_load_async       (GFile               *file,
                                                      const char          *resource_path,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
AwaitlabDocument *awaitlab_document_load_finish      (GAsyncResult        *result,
                                                      GError             **error);
AwaitlabDocument *awaitlab_document_load             (GFile               *file,
                                                      const char          *resource_path,
                                                      GCancellable        *cancellable,
                                                      GError             **error);
void              awaitlab_document_run_text_async   (const char          *source,
                                                      GFile               *file,
                                                      const char          *resource_path,
                                                      const AwlKnobValues *knobs,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
AwaitlabDocument *awaitlab_document_run_text_finish  (GAsyncResult        *result,
                                                      struct _AwlDiagnostics **diagnostics,
                                                      GError             **error);
void              awaitlab_document_rerun_async      (AwaitlabDocument    *self,
                                                      const AwlKnobValues *knobs,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
AwaitlabDocument *awaitlab_document_new_for_timeline (const char          *title,
                                                      const char          *source,
                                                      AwaitlabTimeline    *timeline);
const char       *awaitlab_document_get_title        (AwaitlabDocument    *self);
const char       *awaitlab_document_get_topic        (AwaitlabDocument    *self);
const char       *awaitlab_document_get_questions    (AwaitlabDocument    *self);
const char       *awaitlab_document_get_explanation  (AwaitlabDocument    *self);
const char       *awaitlab_document_get_source       (AwaitlabDocument    *self);
GFile            *awaitlab_document_get_file         (AwaitlabDocument    *self);
AwaitlabTimeline *awaitlab_document_get_timeline     (AwaitlabDocument    *self);
/* Built-in scenarios: their resource path (they open as unsaved copies). */
const char       *awaitlab_document_get_resource_path (AwaitlabDocument   *self);
/* NULL for documents made from a bare timeline (tests, bench). */
AwlScenario      *awaitlab_document_get_scenario     (AwaitlabDocument    *self);
AwlTrace         *awaitlab_document_get_trace        (AwaitlabDocument    *self);
const AwlKnobValues *awaitlab_document_get_knobs     (AwaitlabDocument    *self);

/* The built-in catalogue as a GListModel of AwaitlabCatalogueItem. */
#define AWAITLAB_TYPE_CATALOGUE_ITEM (awaitlab_catalogue_item_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabCatalogueItem, awaitlab_catalogue_item, AWAITLAB, CATALOGUE_ITEM, GObject)

GListModel       *awaitlab_catalogue_load                (GError               **error);
const char       *awaitlab_catalogue_item_get_title      (AwaitlabCatalogueItem  *self);
const char       *awaitlab_catalogue_item_get_topic      (AwaitlabCatalogueItem  *self);
const char       *awaitlab_catalogue_item_get_questions  (AwaitlabCatalogueItem  *self);
const char       *awaitlab_catalogue_item_get_resource   (AwaitlabCatalogueItem  *self);
gboolean          awaitlab_catalogue_item_has_question   (AwaitlabCatalogueItem  *self,
                                                          guint                   number);
gboolean          awaitlab_catalogue_item_matches        (AwaitlabCatalogueItem  *self,
                                                          const char             *search);
AwaitlabCatalogueItem *awaitlab_catalogue_find_question  (GListModel             *catalogue,
                                                          guint                   number);

G_END_DECLS

/* awaitlab-document.c
 *
 * One scenario text, its parsed AwlScenario, the knob values of the run and the
 * resulting trace and timeline. Documents are immutable: a re-run with other
 * knobs or an edited text makes a new document, off the main thread.
 */

#include <glib/gi18n.h>
#include <string.h>

#include "awaitlab-document.h"

#include "awl-scenario.h"
#include "awl-diagnostic.h"
#include "awaitlab-trace-timeline.h"

G_DEFINE_QUARK (awaitlab-document-error-quark, awaitlab_document_error)

struct _AwaitlabDocument
{
  GObject           parent_instance;
  char             *title;
  char             *topic;
  char             *questions;
  char             *explanation;
  char             *source;
  char             *resource_path;
  char             *display_name;
  GFile            *file;
  AwaitlabTimeline *timeline;
  AwlScenario      *scenario;
  AwlTrace         *trace;
  AwlKnobValues    *knobs;
};

G_DEFINE_FINAL_TYPE (AwaitlabDocument, awaitlab_document, G_TYPE_OBJECT)

static void
awaitlab_document_finalize (GObject *object)
{
  AwaitlabDocument *self = (AwaitlabDocument *)object;

  g_free (self->title);
  g_free (self->topic);
  g_free (self->questions);
  g_free (self->explanation);
  g_free (self->source);
  g_free (self->resource_path);
  g_free (self->display_name);
  g_clear_object (&self->file);
  g_clear_object (&self->timeline);
  g_clear_pointer (&self->scenario, awl_scenario_unref);
  g_clear_pointer (&self->trace, awl_trace_unref);
  g_clear_pointer (&self->knobs, awl_knob_values_free);

  G_OBJECT_CLASS (awaitlab_document_parent_class)->finalize (object);
}

static void
awaitlab_document_class_init (AwaitlabDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = awaitlab_document_finalize;
}

static void
awaitlab_document_init (AwaitlabDocument *self)
{
}

static void
fill_from_source (AwaitlabDocument *self,
                  const char       *source,
                  const char       *fallback_title)
{
  self->source = g_strdup (source);
  self->title = g_strdup (fallback_title);
}

static char *
read_source (GFile       *file,
             const char  *resource_path,
             GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  char *text;
  gsize len;

  if (file != NULL)
    {
      if (!g_file_load_contents (file, NULL, &text, &len, NULL, error))
        return NULL;
    }
  else
    {
      if (!(bytes = g_resources_lookup_data (resource_path, 0, error)))
        return NULL;
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      len = strlen (text);
    }

  if (!g_utf8_validate (text, len, NULL))
    {
      g_free (text);
      g_set_error (error, AWAITLAB_DOCUMENT_ERROR, AWAITLAB_DOCUMENT_ERROR_INVALID,
                   _("The file is not UTF-8 text"));
      return NULL;
    }

  return text;
}

static gboolean
simulate (AwaitlabDocument     *self,
          AwlScenario          *parsed,
          const AwlKnobValues  *knobs,
          GCancellable         *cancellable,
          GError              **error)
{
  g_autoptr(GArray) notes = g_array_new (FALSE, FALSE, sizeof (AwaitlabNoteSource));
  const AwlScenarioNote *scenario_notes;
  const guint *numbers;
  guint n_notes, n_numbers;

  if (parsed != NULL)
    self->scenario = awl_scenario_ref (parsed);
  else if (!(self->scenario = awl_scenario_new_from_text (self->display_name, self->source, error)))
    return FALSE;

  self->knobs = knobs ? awl_knob_values_copy (knobs) : awl_knob_values_new ();
  if (!(self->trace = awl_scenario_run (self->scenario, self->knobs, cancellable, error)))
    return FALSE;

  /* The scenario's directives are the one source of title, topic and questions. */
  g_free (self->title);
  self->title = g_strdup (awl_scenario_get_title (self->scenario));
  self->topic = g_strdup (awl_scenario_get_topic (self->scenario));
  self->explanation = g_strdup (awl_scenario_get_explanation (self->scenario));
  numbers = awl_scenario_get_questions (self->scenario, &n_numbers);
  if (n_numbers > 0)
    {
      g_autoptr(GString) q = g_string_new (NULL);

      for (guint i = 0; i < n_numbers; i++)
        g_string_append_printf (q, "%s%u", i ? ", " : "", numbers[i]);
      self->questions = g_string_free (g_steal_pointer (&q), FALSE);
    }

  scenario_notes = awl_scenario_get_notes (self->scenario, &n_notes);
  for (guint i = 0; i < n_notes; i++)
    {
      AwaitlabNoteSource note = { MAX (0, scenario_notes[i].line), scenario_notes[i].text };
      g_array_append_val (notes, note);
    }

  self->timeline = awaitlab_timeline_new_from_trace (self->trace, (AwaitlabNoteSource *)(gpointer)notes->data,
                                                     notes->len);
  return TRUE;
}

static AwaitlabDocument *
document_run (const char           *source,
              GFile                *file,
              const char           *resource_path,
              AwlScenario          *parsed,
              const AwlKnobValues  *knobs,
              GCancellable         *cancellable,
              GError              **error)
{
  g_autoptr(AwaitlabDocument) self = g_object_new (AWAITLAB_TYPE_DOCUMENT, NULL);

  self->display_name = file ? g_file_get_basename (file)
                     : resource_path ? g_path_get_basename (resource_path)
                     : g_strdup (_("Untitled.csx"));
  g_set_object (&self->file, file);
  self->resource_path = g_strdup (resource_path);
  fill_from_source (self, source, self->display_name);

  if (!simulate (self, parsed, knobs, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

AwaitlabDocument *
awaitlab_document_load (GFile         *file,
                        const char    *resource_path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *source = NULL;

  g_return_val_if_fail (file != NULL || resource_path != NULL, NULL);

  if (!(source = read_source (file, resource_path, error)))
    return NULL;

  return document_run (source, file, resource_path, NULL, NULL, cancellable, error);
}

typedef struct
{
  GFile         *file;
  char          *resource_path;
  char          *source;
  AwlScenario   *scenario;
  AwlKnobValues *knobs;
  gboolean       want_diagnostics;
  AwlDiagnostics *diagnostics;  /* of an edited text: set by the worker's one parse */
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *ld = data;

  g_clear_object (&ld->file);
  g_free (ld->resource_path);
  g_free (ld->source);
  g_clear_pointer (&ld->scenario, awl_scenario_unref);
  g_clear_pointer (&ld->knobs, awl_knob_values_free);
  g_clear_pointer (&ld->diagnostics, awl_diagnostics_free);
  g_free (ld);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *ld = task_data;
  GError *error = NULL;
  AwaitlabDocument *doc;

  /* An edited text is parsed here, once: the scenario to simulate and the
   * diagnostics the editor underlines come from the same parse. */
  if (ld->source != NULL && ld->scenario == NULL && ld->want_diagnostics)
    {
      g_autofree char *name = ld->file ? g_file_get_basename (ld->file) : g_strdup ("scenario.csx");

      ld->scenario = awl_scenario_parse_text (name, ld->source, &ld->diagnostics, &error);
      if (ld->scenario == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  if (ld->source != NULL)
    doc = document_run (ld->source, ld->file, ld->resource_path, ld->scenario, ld->knobs, cancellable, &error);
  else
    doc = awaitlab_document_load (ld->file, ld->resource_path, cancellable, &error);
  if (doc == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, doc, g_object_unref);
}

static void start_worker (LoadData            *ld,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data);

void
awaitlab_document_load_async (GFile               *file,
                              const char          *resource_path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  LoadData *ld;

  g_return_if_fail (file != NULL || resource_path != NULL);

  ld = g_new0 (LoadData, 1);
  ld->file = file ? g_object_ref (file) : NULL;
  ld->resource_path = g_strdup (resource_path);
  start_worker (ld, cancellable, callback, user_data);
}

static void
start_worker (LoadData            *ld,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, awaitlab_document_load_async);
  g_task_set_task_data (task, ld, load_data_free);
  g_task_run_in_thread (task, load_worker);
}

/* Parses and simulates @source (an edited text, a template); @file and
 * @resource_path only say where it came from. Finish with
 * awaitlab_document_load_finish(). */
void
awaitlab_document_run_text_async (const char          *source,
                                  GFile               *file,
                                  const char          *resource_path,
                                  const AwlKnobValues *knobs,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  LoadData *ld;

  g_return_if_fail (source != NULL);

  ld = g_new0 (LoadData, 1);
  ld->source = g_strdup (source);
  ld->file = file ? g_object_ref (file) : NULL;
  ld->resource_path = g_strdup (resource_path);
  ld->knobs = knobs ? awl_knob_values_copy (knobs) : NULL;
  ld->want_diagnostics = TRUE;
  start_worker (ld, cancellable, callback, user_data);
}

/* Finishes awaitlab_document_run_text_async(). *@diagnostics is set to the
 * diagnostics of the text's one parse (NULL if it was never parsed, e.g.
 * cancelled), also when the run failed. */
AwaitlabDocument *
awaitlab_document_run_text_finish (GAsyncResult    *result,
                                   AwlDiagnostics **diagnostics,
                                   GError         **error)
{
  LoadData *ld;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (diagnostics != NULL, NULL);

  ld = g_task_get_task_data (G_TASK (result));
  *diagnostics = ld ? g_steal_pointer (&ld->diagnostics) : NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Simulates @self's scenario again with @knobs (no re-parse). */
void
awaitlab_document_rerun_async (AwaitlabDocument    *self,
                               const AwlKnobValues *knobs,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  LoadData *ld;

  g_return_if_fail (AWAITLAB_IS_DOCUMENT (self));
  g_return_if_fail (self->scenario != NULL);

  ld = g_new0 (LoadData, 1);
  ld->source = g_strdup (self->source);
  ld->file = self->file ? g_object_ref (self->file) : NULL;
  ld->resource_path = g_strdup (self->resource_path);
  ld->scenario = awl_scenario_ref (self->scenario);
  ld->knobs = knobs ? awl_knob_values_copy (knobs) : NULL;
  start_worker (ld, cancellable, callback, user_data);
}

AwaitlabDocument *
awaitlab_document_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

AwaitlabDocument *
awaitlab_document_new_for_timeline (const char       *title,
                                    const char       *source,
                                    AwaitlabTimeline *timeline)
{
  AwaitlabDocument *self = g_object_new (AWAITLAB_TYPE_DOCUMENT, NULL);

  fill_from_source (self, source ? source : "", title);
  self->timeline = timeline ? g_object_ref (timeline) : NULL;
  return self;
}

const char *
awaitlab_document_get_title (AwaitlabDocument *self)
{
  g_return_val_if_fail (AWAITLAB_IS_DOCUMENT (self), NULL);
  return self->title;
}

const char *
awaitlab_document_get_topic (AwaitlabDocument *self)
{
  g_return_val_if_fail (AWAITLAB_IS_DOCUMENT (self), NULL);
  return self->topic;
}

const char *
awaitlab_document_get_questions (AwaitlabDocument *self)
{
  g_return_val_if_fail (AWAITLAB_IS_DOCUMENT (self), NULL);
  return self->questions;
}

const char *
awaitlab_document_get_explanation (AwaitlabDocument *self)
{
  g_return_val_if_fail (AWAITLAB_IS_DOCUMENT (self), NULL);
  return self->explanation;
}

const char *
awaitlab_document_get_source (AwaitlabDocument *self)
{
  g_return_val_if_fail (AWAITLAB_IS_DOCUMENT (self), NULL);
  return self->source;
}

GFile *
awaitlab_document_get_file (AwaitlabDocument *self)
{
  g_return_val_if_fail (AWAITLAB_IS_DOCUMENT (self), NULL);
  return self->file;
}

AwaitlabTimeline *
awaitlab_document_get_timeline (AwaitlabDocument *self)
{
  g_return_val_if_fail (AWAITLAB_IS_DOCUMENT (self), NULL);
  return self->timeline;
}

const char *
awaitlab_document_get_resource_path (AwaitlabDocument *self)
{
  g_return_val_if_fail (AWAITLAB_IS_DOCUMENT (self), NULL);
  return self->resource_path;
}

AwlScenario *
awaitlab_document_get_scenario (AwaitlabDocument *self)
{
  g_return_val_if_fail (AWAITLAB_IS_DOCUMENT (self), NULL);
  return self->scenario;
}

AwlTrace *
awaitlab_document_get_trace (AwaitlabDocument *self)
{
  g_return_val_if_fail (AWAITLAB_IS_DOCUMENT (self), NULL);
  return self->trace;
}

const AwlKnobValues *
awaitlab_document_get_knobs (AwaitlabDocument *self)
{
  g_return_val_if_fail (AWAITLAB_IS_DOCUMENT (self), NULL);
  return self->knobs;
}

/* ------------------------------------------------------------------------- */

struct _AwaitlabCatalogueItem
{
  GObject  parent_instance;
  char    *title;
  char    *topic;
  char    *questions;
  char    *resource;
  char    *haystack;
  GArray  *numbers;
  guint    topic_rank;   /* the smallest question number of its topic */
};

G_DEFINE_FINAL_TYPE (AwaitlabCatalogueItem, awaitlab_catalogue_item, G_TYPE_OBJECT)

static void
awaitlab_catalogue_item_finalize (GObject *object)
{
  AwaitlabCatalogueItem *self = (AwaitlabCatalogueItem *)object;

  g_free (self->title);
  g_free (self->topic);
  g_free (self->questions);
  g_free (self->resource);
  g_free (self->haystack);
  g_array_unref (self->numbers);

  G_OBJECT_CLASS (awaitlab_catalogue_item_parent_class)->finalize (object);
}

static void
awaitlab_catalogue_item_class_init (AwaitlabCatalogueItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = awaitlab_catalogue_item_finalize;
}

static void
awaitlab_catalogue_item_init (AwaitlabCatalogueItem *self)
{
  self->numbers = g_array_new (FALSE, FALSE, sizeof (guint));
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const AwaitlabCatalogueItem *ia = a, *ib = b;
  guint na = ia->numbers->len ? g_array_index (ia->numbers, guint, 0) : G_MAXUINT;
  guint nb = ib->numbers->len ? g_array_index (ib->numbers, guint, 0) : G_MAXUINT;
  int topic = g_strcmp0 (ia->topic, ib->topic);

  /* Grouped by topic (headers need neighbours), topics in the order the
   * questions introduce them, then by question number. */
  if (topic != 0)
    {
      if (ia->topic_rank != ib->topic_rank)
        return ia->topic_rank < ib->topic_rank ? -1 : 1;
      return topic;
    }
  if (na != nb)
    return na < nb ? -1 : 1;
  return g_strcmp0 (ia->title, ib->title);
}

/* The scenario layer reads the directives (awl_catalogue_load); here they only
 * become list items with a search haystack and a topic order. */
GListModel *
awaitlab_catalogue_load (GError **error)
{
  g_autoptr(GListStore) store = g_list_store_new (AWAITLAB_TYPE_CATALOGUE_ITEM);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) ranks = g_hash_table_new (g_str_hash, g_str_equal);

  if (!(entries = awl_catalogue_load (error)))
    return NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      const AwlCatalogueEntry *entry = g_ptr_array_index (entries, i);
      AwaitlabCatalogueItem *item = g_object_new (AWAITLAB_TYPE_CATALOGUE_ITEM, NULL);
      g_autoptr(GString) questions = g_string_new (NULL);
      g_autofree char *title = NULL;
      g_autofree char *topic = NULL;
      guint first = entry->n_questions ? entry->questions[0] : 999;
      guint rank;

      item->resource = g_strdup (entry->resource_path);
      item->title = g_strdup (entry->title ? entry->title : entry->file_name);
      item->topic = g_strdup (entry->topic ? entry->topic : _("Other"));
      for (guint q = 0; q < entry->n_questions; q++)
        {
          g_array_append_val (item->numbers, entry->questions[q]);
          g_string_append_printf (questions, "%s%u", q ? ", " : "", entry->questions[q]);
        }
      item->questions = entry->n_questions ? g_string_free (g_steal_pointer (&questions), FALSE) : NULL;

      title = g_utf8_casefold (item->title, -1);
      topic = g_utf8_casefold (item->topic, -1);
      item->haystack = g_strconcat (title, " ", topic, NULL);

      rank = GPOINTER_TO_UINT (g_hash_table_lookup (ranks, item->topic));
      if (rank == 0 || first + 1 < rank)
        g_hash_table_insert (ranks, item->topic, GUINT_TO_POINTER (first + 1));
      g_ptr_array_add (items, item);
    }

  for (guint i = 0; i < items->len; i++)
    {
      AwaitlabCatalogueItem *item = g_ptr_array_index (items, i);

      item->topic_rank = GPOINTER_TO_UINT (g_hash_table_lookup (ranks, item->topic));
      g_list_store_insert_sorted (store, item, compare_items, NULL);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

const char *
awaitlab_catalogue_item_get_title (AwaitlabCatalogueItem *self)
{
  g_return_val_if_fail (AWAITLAB_IS_CATALOGUE_ITEM (self), NULL);
  return self->title;
}

const char *
awaitlab_catalogue_item_get_topic (AwaitlabCatalogueItem *self)
{
  g_return_val_if_fail (AWAITLAB_IS_CATALOGUE_ITEM (self), NULL);
  return self->topic;
}

const char *
awaitlab_catalogue_item_get_questions (AwaitlabCatalogueItem *self)
{
  g_return_val_if_fail (AWAITLAB_IS_CATALOGUE_ITEM (self), NULL);
  return self->questions;
}

const char *
awaitlab_catalogue_item_get_resource (AwaitlabCatalogueItem *self)
{
  g_return_val_if_fail (AWAITLAB_IS_CATALOGUE_ITEM (self), NULL);
  return self->resource;
}

gboolean
awaitlab_catalogue_item_has_question (AwaitlabCatalogueItem *self,
                                      guint                  number)
{
  g_return_val_if_fail (AWAITLAB_IS_CATALOGUE_ITEM (self), FALSE);

  for (guint i = 0; i < self->numbers->len; i++)
    if (g_array_index (self->numbers, guint, i) == number)
      return TRUE;
  return FALSE;
}

/* A number finds its question; words must all appear in title or topic. */
gboolean
awaitlab_catalogue_item_matches (AwaitlabCatalogueItem *self,
                                 const char            *search)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  guint64 number;

  g_return_val_if_fail (AWAITLAB_IS_CATALOGUE_ITEM (self), FALSE);

  if (search == NULL || *search == 0)
    return TRUE;

  {
    g_autofree char *trimmed = g_strstrip (g_strdup (search));
    const char *digits = trimmed[0] == '#' ? trimmed + 1 : trimmed;

    if (*digits && g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT, &number, NULL))
      return awaitlab_catalogue_item_has_question (self, number);
  }

  folded = g_utf8_casefold (search, -1);
  words = g_strsplit_set (folded, " \t", -1);
  for (guint i = 0; words[i]; i++)
    if (*words[i] && strstr (self->haystack, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

AwaitlabCatalogueItem *
awaitlab_catalogue_find_question (GListModel *catalogue,
                                  guint       number)
{
  AwaitlabCatalogueItem *best = NULL;
  gboolean best_primary = FALSE;
  guint n = g_list_model_get_n_items (catalogue);

  /* A question can be answered by several scenarios (13 by "the UI thread" and
   * "without a UI"): prefer one whose first question it is, then the file name
   * that sorts first, so the number opens the scenario named after it whatever
   * order the sidebar shows them in. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AwaitlabCatalogueItem) item = g_list_model_get_item (catalogue, i);
      gboolean primary;

      if (!awaitlab_catalogue_item_has_question (item, number))
        continue;
      primary = g_ascii_strtoull (awaitlab_catalogue_item_get_questions (item), NULL, 10) == number;
      if (best == NULL ||
          (primary && !best_primary) ||
          (primary == best_primary &&
           g_strcmp0 (awaitlab_catalogue_item_get_resource (item),
                      awaitlab_catalogue_item_get_resource (best)) < 0))
        {
          best = item;
          best_primary = primary;
        }
    }

  return best;
}

/* awaitlab-document.c
 *
 * The only file in ui/ that talks to the scenario language. Until the
 * scenario API is in the tree (meson defines AWAITLAB_HAVE_SCENARIO_API when
 * sim/scenario/awl-scenario.h declares it), documents can still be listed and
 * their source shown, and loading reports clearly that running is unavailable.
 */

#include <glib/gi18n.h>
#include <string.h>

#include "awaitlab-document.h"

#ifdef AWAITLAB_HAVE_SCENARIO_API
# include "awl-scenario.h"
# include "awaitlab-trace-timeline.h"
#endif

#define SCENARIO_PREFIX "/org/awaitlab/Awaitlab/scenarios"

G_DEFINE_QUARK (awaitlab-document-error-quark, awaitlab_document_error)

struct _AwaitlabDocument
{
  GObject           parent_instance;
  char             *title;
  char             *topic;
  char             *questions;
  char             *explanation;
  char             *source;
  GFile            *file;
  AwaitlabTimeline *timeline;
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
  g_clear_object (&self->file);
  g_clear_object (&self->timeline);

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

/* The header directives (// @title …) are the catalogue's index; reading them
 * needs no parser, so the sidebar works even for files that do not compile. */
static char *
directive (const char *text,
           const char *name)
{
  g_autofree char *needle = g_strdup_printf ("@%s", name);
  const char *p = text;

  while ((p = strstr (p, needle)) != NULL)
    {
      const char *q = p + strlen (needle);

      if (*q == ' ' || *q == '\t')
        {
          const char *eol = strchr (q, '\n');
          g_autofree char *value = g_strndup (q, eol ? eol - q : (gssize)strlen (q));
          return g_strdup (g_strstrip (value));
        }
      p = q;
    }

  return NULL;
}

static void
fill_from_source (AwaitlabDocument *self,
                  const char       *source,
                  const char       *fallback_title)
{
  self->source = g_strdup (source);
  self->title = directive (source, "title");
  if (self->title == NULL)
    self->title = g_strdup (fallback_title);
  self->topic = directive (source, "topic");
  self->questions = directive (source, "questions");
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

#ifdef AWAITLAB_HAVE_SCENARIO_API
static gboolean
simulate (AwaitlabDocument  *self,
          const char        *display_name,
          GCancellable      *cancellable,
          GError           **error)
{
  g_autoptr(AwlScenario) scenario = NULL;
  g_autoptr(AwlTrace) trace = NULL;
  g_autoptr(GArray) notes = g_array_new (FALSE, FALSE, sizeof (AwaitlabNoteSource));
  const AwlScenarioNote *scenario_notes;
  guint n_notes;

  scenario = awl_scenario_new_from_text (display_name, self->source, error);
  if (scenario == NULL)
    return FALSE;

  trace = awl_scenario_run (scenario, NULL, cancellable, error);
  if (trace == NULL)
    return FALSE;

  /* The scenario's own reading of its directives wins over our quick scan. */
  g_free (self->title);
  self->title = g_strdup (awl_scenario_get_title (scenario));
  if (awl_scenario_get_topic (scenario) != NULL)
    {
      g_free (self->topic);
      self->topic = g_strdup (awl_scenario_get_topic (scenario));
    }
  g_free (self->explanation);
  self->explanation = g_strdup (awl_scenario_get_explanation (scenario));

  scenario_notes = awl_scenario_get_notes (scenario, &n_notes);
  for (guint i = 0; i < n_notes; i++)
    {
      AwaitlabNoteSource note = { MAX (0, scenario_notes[i].line), scenario_notes[i].text };
      g_array_append_val (notes, note);
    }

  self->timeline = awaitlab_timeline_new_from_trace (trace, (AwaitlabNoteSource *)(gpointer)notes->data,
                                                     notes->len);
  return TRUE;
}
#endif

AwaitlabDocument *
awaitlab_document_load (GFile         *file,
                        const char    *resource_path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(AwaitlabDocument) self = NULL;
  g_autofree char *source = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (file != NULL || resource_path != NULL, NULL);

  if (!(source = read_source (file, resource_path, error)))
    return NULL;

  display_name = file ? g_file_get_basename (file) : g_path_get_basename (resource_path);
  self = g_object_new (AWAITLAB_TYPE_DOCUMENT, NULL);
  g_set_object (&self->file, file);
  fill_from_source (self, source, display_name);

#ifdef AWAITLAB_HAVE_SCENARIO_API
  if (!simulate (self, display_name, cancellable, error))
    return NULL;
#else
  g_set_error (error, AWAITLAB_DOCUMENT_ERROR, AWAITLAB_DOCUMENT_ERROR_UNAVAILABLE,
               _("This build of Awaitlab cannot run scenarios yet: the scenario language is missing"));
  return NULL;
#endif

  return g_steal_pointer (&self);
}

typedef struct
{
  GFile *file;
  char  *resource_path;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *ld = data;

  g_clear_object (&ld->file);
  g_free (ld->resource_path);
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

  doc = awaitlab_document_load (ld->file, ld->resource_path, cancellable, &error);
  if (doc == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, doc, g_object_unref);
}

void
awaitlab_document_load_async (GFile               *file,
                              const char          *resource_path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *ld;

  g_return_if_fail (file != NULL || resource_path != NULL);

  ld = g_new0 (LoadData, 1);
  ld->file = file ? g_object_ref (file) : NULL;
  ld->resource_path = g_strdup (resource_path);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, awaitlab_document_load_async);
  g_task_set_task_data (task, ld, load_data_free);
  g_task_run_in_thread (task, load_worker);
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

GListModel *
awaitlab_catalogue_load (GError **error)
{
  g_autoptr(GListStore) store = g_list_store_new (AWAITLAB_TYPE_CATALOGUE_ITEM);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) ranks = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) names = NULL;

  names = g_resources_enumerate_children (SCENARIO_PREFIX, 0, error);
  if (names == NULL)
    return NULL;

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = g_strdup_printf (SCENARIO_PREFIX "/%s", names[i]);
      g_autofree char *text = NULL;
      AwaitlabCatalogueItem *item;
      g_auto(GStrv) parts = NULL;

      if (!g_str_has_suffix (names[i], ".csx") || !(text = read_source (NULL, path, NULL)))
        continue;

      item = g_object_new (AWAITLAB_TYPE_CATALOGUE_ITEM, NULL);
      item->resource = g_steal_pointer (&path);
      item->title = directive (text, "title");
      if (item->title == NULL)
        item->title = g_strdup (names[i]);
      item->topic = directive (text, "topic");
      if (item->topic == NULL)
        item->topic = g_strdup (_("Other"));
      item->questions = directive (text, "questions");

      parts = g_strsplit_set (item->questions ? item->questions : "", ", ", -1);
      for (guint p = 0; parts[p]; p++)
        {
          guint64 n;

          if (*parts[p] && g_ascii_string_to_unsigned (parts[p], 10, 1, 999, &n, NULL))
            {
              guint v = n;
              g_array_append_val (item->numbers, v);
            }
        }

      item->haystack = g_utf8_casefold (item->title, -1);
      {
        g_autofree char *topic = g_utf8_casefold (item->topic, -1);
        char *joined = g_strconcat (item->haystack, " ", topic, NULL);

        g_free (item->haystack);
        item->haystack = joined;
      }

      {
        guint first = item->numbers->len ? g_array_index (item->numbers, guint, 0) : 999;
        guint rank = GPOINTER_TO_UINT (g_hash_table_lookup (ranks, item->topic));

        if (rank == 0 || first + 1 < rank)
          g_hash_table_insert (ranks, item->topic, GUINT_TO_POINTER (first + 1));
      }
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
  guint n = g_list_model_get_n_items (catalogue);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AwaitlabCatalogueItem) item = g_list_model_get_item (catalogue, i);

      if (awaitlab_catalogue_item_has_question (item, number))
        return item;
    }

  return NULL;
}

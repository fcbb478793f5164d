/* awaitlab-workspace.c
 *
 * The window's model: which runs are open, where the playhead is, and the
 * loading that replaces a run. Nothing here touches a widget, so a test can
 * drive it and every view can follow it through properties.
 */

#include <glib/gi18n.h>
#include <stdlib.h>

#include <math.h>

#include "awaitlab-workspace.h"
#include "awl-bookmarks.h"
#include "awl-diagnostic.h"

/* Without a bookmark list (a bare timeline), PageUp/PageDown move this many events. */
#define BOOKMARK_FALLBACK_EVENTS 10

struct _AwaitlabWorkspace
{
  GObject           parent_instance;

  AwaitlabPlayback *playback;
  AwaitlabDocument *document;
  GCancellable     *loading;
  AwlDiagnostics   *diagnostics;
  GArray           *bookmarks;       /* AwlBookmark of run A, NULL without a scenario */
  gint64            keep_time;       /* playhead to restore after a re-run, -1 = none */

  AwaitlabDocument *document_b;
  AwlKnobValues    *knobs_b;
  GCancellable     *loading_b;
  AwlComparison    *comparison;
  guint             compare : 1;
};

G_DEFINE_FINAL_TYPE (AwaitlabWorkspace, awaitlab_workspace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLAYBACK,
  PROP_DOCUMENT,
  PROP_DOCUMENT_B,
  PROP_COMPARE,
  PROP_LOADING,
  PROP_BUSY,
  N_PROPS
};

enum {
  FAILED,
  DIAGNOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void run_b (AwaitlabWorkspace *self);

static void
awaitlab_workspace_dispose (GObject *object)
{
  AwaitlabWorkspace *self = AWAITLAB_WORKSPACE (object);

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  if (self->loading_b != NULL)
    g_cancellable_cancel (self->loading_b);
  g_clear_object (&self->loading);
  g_clear_object (&self->loading_b);
  g_clear_object (&self->document);
  g_clear_object (&self->document_b);
  g_clear_object (&self->playback);
  g_clear_pointer (&self->knobs_b, awl_knob_values_free);
  g_clear_pointer (&self->comparison, awl_comparison_free);
  g_clear_pointer (&self->diagnostics, awl_diagnostics_free);
  g_clear_pointer (&self->bookmarks, g_array_unref);

  G_OBJECT_CLASS (awaitlab_workspace_parent_class)->dispose (object);
}

static void
awaitlab_workspace_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AwaitlabWorkspace *self = AWAITLAB_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PLAYBACK:
      g_value_set_object (value, self->playback);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_DOCUMENT_B:
      g_value_set_object (value, self->document_b);
      break;
    case PROP_COMPARE:
      g_value_set_boolean (value, self->compare);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, awaitlab_workspace_get_loading (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, awaitlab_workspace_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awaitlab_workspace_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AwaitlabWorkspace *self = AWAITLAB_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      awaitlab_workspace_set_document (self, g_value_get_object (value));
      break;
    case PROP_COMPARE:
      awaitlab_workspace_set_compare (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awaitlab_workspace_class_init (AwaitlabWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = awaitlab_workspace_dispose;
  object_class->get_property = awaitlab_workspace_get_property;
  object_class->set_property = awaitlab_workspace_set_property;

  properties[PROP_PLAYBACK] =
    g_param_spec_object ("playback", NULL, NULL, AWAITLAB_TYPE_PLAYBACK,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, AWAITLAB_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT_B] =
    g_param_spec_object ("document-b", NULL, NULL, AWAITLAB_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPARE] =
    g_param_spec_boolean ("compare", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A load or run failed: a heading and the message for the user. */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /* An edited text was parsed (see awaitlab_workspace_get_diagnostics()). */
  signals[DIAGNOSED] =
    g_signal_new ("diagnosed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
awaitlab_workspace_init (AwaitlabWorkspace *self)
{
  self->playback = awaitlab_playback_new ();
  self->keep_time = -1;
}

AwaitlabWorkspace *
awaitlab_workspace_new (void)
{
  return g_object_new (AWAITLAB_TYPE_WORKSPACE, NULL);
}

AwaitlabPlayback *
awaitlab_workspace_get_playback (AwaitlabWorkspace *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WORKSPACE (self), NULL);
  return self->playback;
}

AwaitlabDocument *
awaitlab_workspace_get_document (AwaitlabWorkspace *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WORKSPACE (self), NULL);
  return self->document;
}

static void
notify_busy (AwaitlabWorkspace *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Shows @document as run A. A re-run keeps the virtual time it was asked to
 * keep; a new scenario starts at its beginning. */
void
awaitlab_workspace_set_document (AwaitlabWorkspace *self,
                                 AwaitlabDocument  *document)
{
  AwaitlabTimeline *timeline;

  g_return_if_fail (AWAITLAB_IS_WORKSPACE (self));
  g_return_if_fail (document == NULL || AWAITLAB_IS_DOCUMENT (document));

  g_set_object (&self->document, document);
  timeline = document ? awaitlab_document_get_timeline (document) : NULL;
  g_clear_pointer (&self->bookmarks, g_array_unref);
  if (document != NULL && awaitlab_document_get_scenario (document) && awaitlab_document_get_trace (document))
    self->bookmarks = awl_bookmarks_collect (awaitlab_document_get_scenario (document),
                                             awaitlab_document_get_trace (document));
  awaitlab_playback_set_timeline (self->playback, timeline);
  if (self->keep_time >= 0 && timeline != NULL)
    awaitlab_playback_seek_time (self->playback, MIN (self->keep_time, awaitlab_timeline_get_end_time (timeline)));
  self->keep_time = -1;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  if (self->compare)
    run_b (self);
}

gboolean
awaitlab_workspace_get_loading (AwaitlabWorkspace *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WORKSPACE (self), FALSE);
  return self->loading != NULL;
}

gboolean
awaitlab_workspace_get_busy (AwaitlabWorkspace *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WORKSPACE (self), FALSE);
  return self->loading != NULL || self->loading_b != NULL;
}

/* The diagnostics of the last edited text run, or NULL. */
const AwlDiagnostics *
awaitlab_workspace_get_diagnostics (AwaitlabWorkspace *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WORKSPACE (self), NULL);
  return self->diagnostics;
}

/* ------------------------------------------------------------------------- */
/* Loading run A                                                             */

/* The end of every load of run A; @edited: an edited text with its
 * @diagnostics (taken). */
static void
finish_load (AwaitlabWorkspace *self,
             AwaitlabDocument  *document,
             const GError      *error,
             gboolean           edited,
             AwlDiagnostics    *diagnostics)
{
  g_clear_object (&self->loading);
  notify_busy (self);

  if (edited)
    {
      g_clear_pointer (&self->diagnostics, awl_diagnostics_free);
      self->diagnostics = diagnostics;
      g_signal_emit (self, signals[DIAGNOSED], 0);
    }

  if (document == NULL)
    {
      self->keep_time = -1;
      /* An edited text with errors is shown by its diagnostics, not a dialog. */
      if (!edited || !g_error_matches (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_INVALID))
        g_signal_emit (self, signals[FAILED], 0, _("Could Not Open the Scenario"), error->message);
      return;
    }

  awaitlab_workspace_set_document (self, document);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AwaitlabWorkspace) self = user_data;
  g_autoptr(AwaitlabDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = awaitlab_document_load_finish (result, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    finish_load (self, document, error, FALSE, NULL);
}

static void
edited_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AwaitlabWorkspace) self = user_data;
  g_autoptr(AwaitlabDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  AwlDiagnostics *diagnostics = NULL;

  document = awaitlab_document_run_text_finish (result, &diagnostics, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_clear_pointer (&diagnostics, awl_diagnostics_free);
  else
    finish_load (self, document, error, TRUE, diagnostics);
}

static GCancellable *
begin_loading (AwaitlabWorkspace *self)
{
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  awaitlab_playback_set_playing (self->playback, FALSE);
  notify_busy (self);
  return self->loading;
}

/* Opens a file or a built-in scenario (@resource_path) as run A. */
void
awaitlab_workspace_load (AwaitlabWorkspace *self,
                         GFile             *file,
                         const char        *resource_path)
{
  g_return_if_fail (AWAITLAB_IS_WORKSPACE (self));
  g_return_if_fail (file != NULL || resource_path != NULL);

  self->keep_time = -1;
  begin_loading (self);
  awaitlab_document_load_async (file, resource_path, self->loading, load_done, g_object_ref (self));
}

/* Parses (once, on a worker) and runs @text as run A. With @keep_time the
 * playhead stays at the same virtual time: only the code changed. */
void
awaitlab_workspace_run_text (AwaitlabWorkspace   *self,
                             const char          *text,
                             GFile               *file,
                             const char          *resource_path,
                             const AwlKnobValues *knobs,
                             gboolean             keep_time)
{
  g_return_if_fail (AWAITLAB_IS_WORKSPACE (self));
  g_return_if_fail (text != NULL);

  self->keep_time = keep_time && self->document ? awaitlab_playback_get_time (self->playback) : -1;
  begin_loading (self);
  awaitlab_document_run_text_async (text, file, resource_path, knobs, self->loading,
                                    edited_done, g_object_ref (self));
}

/* Simulates run A again with other @knobs, at the same virtual time. */
void
awaitlab_workspace_rerun (AwaitlabWorkspace   *self,
                          const AwlKnobValues *knobs)
{
  g_return_if_fail (AWAITLAB_IS_WORKSPACE (self));

  if (self->document == NULL || awaitlab_document_get_scenario (self->document) == NULL)
    return;
  self->keep_time = awaitlab_playback_get_time (self->playback);
  begin_loading (self);
  awaitlab_document_rerun_async (self->document, knobs, self->loading, load_done, g_object_ref (self));
}

/* ------------------------------------------------------------------------- */
/* Run B and the comparison                                                  */

static void
compare_b_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AwaitlabWorkspace) self = user_data;
  g_autoptr(AwaitlabDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = awaitlab_document_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading_b);
  notify_busy (self);

  if (document == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, _("Could Not Run B"), error->message);
      return;
    }

  g_set_object (&self->document_b, document);
  g_clear_pointer (&self->comparison, awl_comparison_free);
  if (self->document != NULL)
    self->comparison = awl_compare_traces (awaitlab_document_get_trace (self->document),
                                           awaitlab_document_get_trace (self->document_b));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_B]);
}

static void
run_b (AwaitlabWorkspace *self)
{
  if (self->document == NULL || awaitlab_document_get_scenario (self->document) == NULL)
    return;
  if (self->loading_b != NULL)
    g_cancellable_cancel (self->loading_b);
  g_clear_object (&self->loading_b);
  self->loading_b = g_cancellable_new ();
  notify_busy (self);
  awaitlab_document_rerun_async (self->document, self->knobs_b, self->loading_b,
                                 compare_b_done, g_object_ref (self));
}

/* B starts as A with the first switch flipped (ConfigureAwait off/on, …). */
static AwlKnobValues *
default_b_knobs (AwaitlabDocument *document)
{
  AwlScenario *scenario = awaitlab_document_get_scenario (document);
  AwlKnobValues *b = awl_knob_values_copy (awaitlab_document_get_knobs (document));
  const AwlScenarioKnob *knobs;
  guint n;

  knobs = awl_scenario_get_knobs (scenario, &n);
  for (guint i = 0; i < n; i++)
    if (knobs[i].type == AWL_SCENARIO_KNOB_BOOL)
      {
        const char *v = awl_knob_values_get (b, knobs[i].name);

        if (v == NULL)
          v = knobs[i].default_value;
        awl_knob_values_set (b, knobs[i].name, g_strcmp0 (v, "true") == 0 ? "false" : "true");
        return b;
      }
  if (n > 0 && knobs[0].type == AWL_SCENARIO_KNOB_INT)
    {
      const char *v = awl_knob_values_get (b, knobs[0].name);
      g_autofree char *next = g_strdup_printf ("%d", atoi (v ? v : knobs[0].default_value) + 1);

      awl_knob_values_set (b, knobs[0].name, next);
      return b;
    }
  awl_knob_values_set (b, "cores", awl_scenario_get_config (scenario)->cores == 1 ? "4" : "1");
  return b;
}

gboolean
awaitlab_workspace_get_compare (AwaitlabWorkspace *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WORKSPACE (self), FALSE);
  return self->compare;
}

/* Compare mode needs a scenario (knobs to vary); without one it stays off. */
void
awaitlab_workspace_set_compare (AwaitlabWorkspace *self,
                                gboolean           compare)
{
  g_return_if_fail (AWAITLAB_IS_WORKSPACE (self));

  compare = !!compare && self->document != NULL && awaitlab_document_get_scenario (self->document) != NULL;
  if (compare)
    {
      g_clear_pointer (&self->knobs_b, awl_knob_values_free);
      self->knobs_b = default_b_knobs (self->document);
    }
  else
    {
      if (self->loading_b != NULL)
        g_cancellable_cancel (self->loading_b);
      g_clear_object (&self->loading_b);
      g_clear_object (&self->document_b);
      g_clear_pointer (&self->comparison, awl_comparison_free);
      notify_busy (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_B]);
    }

  self->compare = compare;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE]);
  if (compare)
    run_b (self);
}

AwaitlabDocument *
awaitlab_workspace_get_document_b (AwaitlabWorkspace *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WORKSPACE (self), NULL);
  return self->document_b;
}

const AwlKnobValues *
awaitlab_workspace_get_knobs_b (AwaitlabWorkspace *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WORKSPACE (self), NULL);
  return self->knobs_b;
}

/* Runs B again with @knobs. */
void
awaitlab_workspace_set_knobs_b (AwaitlabWorkspace   *self,
                                const AwlKnobValues *knobs)
{
  g_return_if_fail (AWAITLAB_IS_WORKSPACE (self));

  g_clear_pointer (&self->knobs_b, awl_knob_values_free);
  self->knobs_b = knobs ? awl_knob_values_copy (knobs) : NULL;
  if (self->compare)
    run_b (self);
}

const AwlComparison *
awaitlab_workspace_get_comparison (AwaitlabWorkspace *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WORKSPACE (self), NULL);
  return self->comparison;
}

/* ------------------------------------------------------------------------- */
/* The playhead                                                              */

void
awaitlab_workspace_toggle_playing (AwaitlabWorkspace *self)
{
  g_return_if_fail (AWAITLAB_IS_WORKSPACE (self));
  awaitlab_playback_set_playing (self->playback, !awaitlab_playback_get_playing (self->playback));
}

void
awaitlab_workspace_step (AwaitlabWorkspace *self,
                         int                delta)
{
  g_return_if_fail (AWAITLAB_IS_WORKSPACE (self));
  awaitlab_playback_step (self->playback, delta);
}

void
awaitlab_workspace_seek_start (AwaitlabWorkspace *self)
{
  g_return_if_fail (AWAITLAB_IS_WORKSPACE (self));
  awaitlab_playback_set_playing (self->playback, FALSE);
  awaitlab_playback_seek_start (self->playback);
}

void
awaitlab_workspace_seek_end (AwaitlabWorkspace *self)
{
  g_return_if_fail (AWAITLAB_IS_WORKSPACE (self));
  awaitlab_playback_seek_end (self->playback);
}

void
awaitlab_workspace_seek_time (AwaitlabWorkspace *self,
                              gint64             time)
{
  g_return_if_fail (AWAITLAB_IS_WORKSPACE (self));
  awaitlab_playback_set_playing (self->playback, FALSE);
  awaitlab_playback_seek_time (self->playback, time);
}

/* PageDown/PageUp (what presentation clickers send): the next or previous
 * step that matters to the lesson (awl-bookmarks: quizzes, @note lines, the
 * deadlock, the end); the same steps the "steps" export pictures. */
void
awaitlab_workspace_jump_bookmark (AwaitlabWorkspace *self,
                                  int                direction)
{
  AwaitlabTimeline *timeline;
  double position;
  int i;

  g_return_if_fail (AWAITLAB_IS_WORKSPACE (self));

  timeline = awaitlab_playback_get_timeline (self->playback);
  if (timeline == NULL)
    return;
  if (self->bookmarks == NULL)
    {
      awaitlab_playback_step (self->playback, direction < 0 ? -BOOKMARK_FALLBACK_EVENTS : BOOKMARK_FALLBACK_EVENTS);
      return;
    }

  /* Between two events, the one behind counts as passed. */
  position = awaitlab_playback_get_position (self->playback);
  i = direction < 0 ? awl_bookmarks_find_previous (self->bookmarks, (guint)ceil (position))
                    : awl_bookmarks_find_next (self->bookmarks, (guint)floor (position));
  if (i >= 0)
    awaitlab_playback_seek_event (self->playback, g_array_index (self->bookmarks, AwlBookmark, i).event_index);
  else if (direction < 0)
    awaitlab_workspace_seek_start (self);
  else
    awaitlab_workspace_seek_end (self);
}

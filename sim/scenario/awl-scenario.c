/* awl-scenario.c
 *
 * Loading, running and self-checking scenarios, knob overrides and the catalogue.
 */

#include <string.h>

#include "awl-scenario-private.h"

G_DEFINE_QUARK (awl-scenario-error-quark, awl_scenario_error)

/* ----------------------------------------------------------------------------- */
/* Knob values */

struct _AwlKnobValues
{
  GPtrArray  *names;    /* char*, NULL-terminated */
  GHashTable *values;   /* name → value */
};

AwlKnobValues *
awl_knob_values_new (void)
{
  AwlKnobValues *self = g_new0 (AwlKnobValues, 1);
  self->names = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->names, NULL);
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  return self;
}

void
awl_knob_values_free (AwlKnobValues *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->values);
  g_ptr_array_unref (self->names);
  g_free (self);
}

void
awl_knob_values_set (AwlKnobValues *self,
                     const char    *name,
                     const char    *value)
{
  char *key;

  g_return_if_fail (self != NULL && name != NULL && value != NULL);

  for (guint i = 0; i + 1 < self->names->len; i++)
    if (g_str_equal (g_ptr_array_index (self->names, i), name))
      {
        g_hash_table_replace (self->values, g_ptr_array_index (self->names, i), g_strdup (value));
        return;
      }
  key = g_strdup (name);
  g_ptr_array_insert (self->names, self->names->len - 1, key);
  g_hash_table_replace (self->values, key, g_strdup (value));
}

AwlKnobValues *
awl_knob_values_copy (const AwlKnobValues *self)
{
  AwlKnobValues *copy = awl_knob_values_new ();
  if (self)
    for (guint i = 0; i + 1 < self->names->len; i++)
      {
        const char *name = g_ptr_array_index (self->names, i);
        awl_knob_values_set (copy, name, g_hash_table_lookup (self->values, name));
      }
  return copy;
}

gboolean
awl_knob_values_set_assignment (AwlKnobValues *self,
                                const char    *assignment)
{
  const char *eq;
  g_autofree char *name = NULL;

  g_return_val_if_fail (self != NULL && assignment != NULL, FALSE);
  eq = strchr (assignment, '=');
  if (eq == NULL || eq == assignment)
    return FALSE;
  name = g_strstrip (g_strndup (assignment, eq - assignment));
  if (*name == '\0')
    return FALSE;
  awl_knob_values_set (self, name, eq + 1);
  return TRUE;
}

const char *
awl_knob_values_get (const AwlKnobValues *self,
                     const char          *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  return self ? g_hash_table_lookup (self->values, name) : NULL;
}

const char **
awl_knob_values_get_names (const AwlKnobValues *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char **) self->names->pdata;
}

/* ----------------------------------------------------------------------------- */
/* The scenario */

struct _AwlScenario
{
  gatomicrefcount     ref;
  char               *display_name;
  AwlUnit            *unit;
  AwlProgram         *program;
  AwlConfig           config;
  GArray             *knobs;     /* AwlScenarioKnob */
  GArray             *notes;     /* AwlScenarioNote */
  GArray             *expects;   /* AwlScenarioExpect */
  GArray             *quizzes;   /* AwlScenarioQuiz */
  GPtrArray          *strings;
  AwlDiagnostics     *warnings;
};

static const char *
keep (AwlScenario *self,
      char        *owned)
{
  g_ptr_array_add (self->strings, owned);
  return owned;
}

static void
config_from_directives (AwlConfig           *config,
                        const AwlDirectives *d)
{
  awl_config_init (config);
  switch (d->environment)
    {
    case AWL_SCENARIO_ENV_UI: config->environment = AWL_ENV_UI; break;
    case AWL_SCENARIO_ENV_ASPNET_CLASSIC: config->environment = AWL_ENV_ASPNET_CLASSIC; break;
    case AWL_SCENARIO_ENV_ASPNETCORE: config->environment = AWL_ENV_ASPNETCORE; break;
    default: config->environment = AWL_ENV_CONSOLE; break;
    }
  config->cores = d->cores ? d->cores : 4;
  config->min_threads = d->min_threads;
  config->max_threads = d->max_threads ? d->max_threads : 32767;
  config->profile = d->runtime == AWL_SCENARIO_RUNTIME_NETFX ? AWL_PROFILE_NETFX : AWL_PROFILE_NET8;
  config->timer_resolution = d->timer_resolution_ns > 0 ? d->timer_resolution_ns : AWL_MS (1);
  config->seed = (guint32) d->seed;
  if (d->has_load)
    {
      config->load_rps = d->load_rps;
      config->load_duration = d->load_duration_ns;
    }
}

static void
fill_tables (AwlScenario *self)
{
  AwlDirectives *d = self->unit->directives;

  for (guint i = 0; i < d->knobs->len; i++)
    {
      AwlKnob *k = g_ptr_array_index (d->knobs, i);
      AwlScenarioKnob sk = { k->name, (AwlScenarioKnobType) k->default_value.type,
                             keep (self, awl_knob_value_to_string (&k->default_value)),
                             k->label ? k->label : "", k->loc.line };
      g_array_append_val (self->knobs, sk);
    }
  for (guint i = 0; i < d->notes->len; i++)
    {
      AwlNote *n = g_ptr_array_index (d->notes, i);
      AwlScenarioNote sn = { n->target_line, n->text, n->loc.line };
      g_array_append_val (self->notes, sn);
    }
  for (guint i = 0; i < d->expects->len; i++)
    {
      AwlExpect *e = g_ptr_array_index (d->expects, i);
      GPtrArray *when = g_ptr_array_new ();
      AwlScenarioExpect se;

      for (guint k = 0; k < e->n_when; k++)
        g_ptr_array_add (when, (gpointer) keep (self, g_strdup_printf ("%s=%s", e->when[k].key, e->when[k].value)));
      g_ptr_array_add (when, NULL);
      se.line = e->loc.line;
      se.text = e->text;
      se.when = (const char **) g_ptr_array_free (when, FALSE);
      g_ptr_array_add (self->strings, se.when);
      g_array_append_val (self->expects, se);
    }
  for (guint i = 0; i < d->quizzes->len; i++)
    {
      AwlQuiz *q = g_ptr_array_index (d->quizzes, i);
      AwlScenarioQuiz sq = { q->question, (const char **) q->choices, q->n_choices, q->answer,
                             q->why ? q->why : "" };
      g_array_append_val (self->quizzes, sq);
    }
}

/* A sorted copy of @unit's diagnostics that outlives the unit. */
static AwlDiagnostics *
copy_diagnostics (AwlUnit    *unit,
                  const char *display_name)
{
  AwlDiagnostics *out = awl_diagnostics_new (display_name, unit->text, unit->length);

  /* Appending keeps the cap's "N more not shown" count with the list. */
  awl_diagnostics_append (out, unit->diagnostics);
  awl_diagnostics_sort (out);
  return out;
}

static AwlScenario *
scenario_new_full (const char      *display_name,
                   const char      *text,
                   gssize           length,
                   AwlDiagnostics **diagnostics,
                   GError         **error)
{
  AwlScenario *self;
  g_autoptr(AwlUnit) unit = awl_parse (display_name, text, length, AWL_PARSE_DEFAULT);
  AwlProgram *program = NULL;

  /* Compiled even after front-end errors, so that every error is reported at once. */
  program = awl_program_compile (unit);
  if (diagnostics != NULL)
    *diagnostics = copy_diagnostics (unit, display_name);
  if (program == NULL || awl_unit_has_errors (unit))
    {
      g_autofree char *report = awl_diagnostics_format (unit->diagnostics);
      awl_program_free (program);
      g_set_error_literal (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_INVALID,
                           *report ? report : "the scenario has errors\n");
      return NULL;
    }

  self = g_new0 (AwlScenario, 1);
  g_atomic_ref_count_init (&self->ref);
  self->display_name = g_strdup (display_name);
  self->unit = g_steal_pointer (&unit);
  self->program = program;
  program->unit = self->unit;
  self->knobs = g_array_new (FALSE, FALSE, sizeof (AwlScenarioKnob));
  self->notes = g_array_new (FALSE, FALSE, sizeof (AwlScenarioNote));
  self->expects = g_array_new (FALSE, FALSE, sizeof (AwlScenarioExpect));
  self->quizzes = g_array_new (FALSE, FALSE, sizeof (AwlScenarioQuiz));
  self->strings = g_ptr_array_new_with_free_func (g_free);
  config_from_directives (&self->config, self->unit->directives);
  fill_tables (self);
  return self;
}

static AwlScenario *
scenario_new (const char *display_name,
              const char *text,
              gssize      length,
              GError    **error)
{
  return scenario_new_full (display_name, text, length, NULL, error);
}

/* Parses and compiles @text once: the scenario (NULL when it has errors) and,
 * either way, every diagnostic, for an editor that underlines them. */
AwlScenario *
awl_scenario_parse_text (const char      *display_name,
                         const char      *text,
                         AwlDiagnostics **diagnostics,
                         GError         **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (diagnostics != NULL, NULL);
  return scenario_new_full (display_name ? display_name : "scenario.csx", text, -1, diagnostics, error);
}

AwlScenario *
awl_scenario_new_from_text (const char  *display_name,
                            const char  *text,
                            GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  return scenario_new (display_name ? display_name : "scenario.csx", text, -1, error);
}

AwlScenario *
awl_scenario_new_from_file (const char  *path,
                            GError     **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  if (!g_file_get_contents (path, &text, &length, &local))
    {
      g_set_error (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_IO, "%s", local->message);
      return NULL;
    }
  return scenario_new (path, text, length, error);
}

AwlScenario *
awl_scenario_new_from_resource (const char  *resource_path,
                                GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *base = NULL;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (resource_path != NULL, NULL);
  bytes = g_resources_lookup_data (resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local);
  if (bytes == NULL)
    {
      g_set_error (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_IO, "%s", local->message);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);
  base = g_path_get_basename (resource_path);
  return scenario_new (base, data, length, error);
}

AwlDiagnostics *
awl_scenario_check_text (const char *display_name,
                         const char *text,
                         gssize      length)
{
  g_autoptr(AwlUnit) unit = NULL;

  if (display_name == NULL)
    display_name = "scenario.csx";
  unit = awl_parse (display_name, text ? text : "", text ? length : 0, AWL_PARSE_DEFAULT);
  awl_program_free (awl_program_compile (unit));
  return copy_diagnostics (unit, display_name);
}

AwlScenario *
awl_scenario_ref (AwlScenario *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
awl_scenario_unref (AwlScenario *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  awl_program_free (self->program);
  awl_unit_free (self->unit);
  g_array_unref (self->knobs);
  g_array_unref (self->notes);
  g_array_unref (self->expects);
  g_array_unref (self->quizzes);
  g_ptr_array_unref (self->strings);
  g_free (self->display_name);
  g_free (self);
}

const char *
awl_scenario_get_display_name (AwlScenario *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->display_name;
}

const char *
awl_scenario_get_title (AwlScenario *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->unit->directives->title ? self->unit->directives->title : "";
}

const char *
awl_scenario_get_topic (AwlScenario *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->unit->directives->topic;
}

const guint *
awl_scenario_get_questions (AwlScenario *self,
                            guint       *n_questions)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_questions)
    *n_questions = self->unit->directives->n_questions;
  return self->unit->directives->questions;
}

const char *
awl_scenario_get_explanation (AwlScenario *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->unit->directives->explain;
}

const char *
awl_scenario_get_source (AwlScenario *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->unit->text;
}

const char *
awl_scenario_get_entry (AwlScenario *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return awl_directives_get_entry (self->unit->directives);
}

const AwlConfig *
awl_scenario_get_config (AwlScenario *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->config;
}

const AwlScenarioKnob *
awl_scenario_get_knobs (AwlScenario *self,
                        guint       *n_knobs)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_knobs)
    *n_knobs = self->knobs->len;
  return (const AwlScenarioKnob *) self->knobs->data;
}

const AwlScenarioNote *
awl_scenario_get_notes (AwlScenario *self,
                        guint       *n_notes)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_notes)
    *n_notes = self->notes->len;
  return (const AwlScenarioNote *) self->notes->data;
}

const char *
awl_scenario_get_note_for_line (AwlScenario *self,
                                int          line)
{
  g_return_val_if_fail (self != NULL, NULL);
  for (guint i = 0; i < self->notes->len; i++)
    if (g_array_index (self->notes, AwlScenarioNote, i).line == line)
      return g_array_index (self->notes, AwlScenarioNote, i).text;
  return NULL;
}

const AwlScenarioExpect *
awl_scenario_get_expectations (AwlScenario *self,
                               guint       *n_expects)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_expects)
    *n_expects = self->expects->len;
  return (const AwlScenarioExpect *) self->expects->data;
}

const AwlScenarioQuiz *
awl_scenario_get_quizzes (AwlScenario *self,
                          guint       *n_quizzes)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_quizzes)
    *n_quizzes = self->quizzes->len;
  return (const AwlScenarioQuiz *) self->quizzes->data;
}

const AwlScenarioAwait *
awl_scenario_get_await_points (AwlScenario *self,
                               guint       *n_points)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_points)
    *n_points = self->program->await_points->len;
  return (const AwlScenarioAwait *) self->program->await_points->data;
}

const AwlDiagnostics *
awl_scenario_get_diagnostics (AwlScenario *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->unit->diagnostics;
}

/* ----------------------------------------------------------------------------- */
/* Overrides */

static gboolean
parse_uint (const char *text,
            guint      *out)
{
  guint64 v;
  return g_ascii_string_to_unsigned (text, 10, 1, 100000, &v, NULL) && (*out = (guint) v, TRUE);
}

/* Applies one config key; -1 if @key is not a config key, else TRUE/FALSE. */
static int
apply_config_key (AwlConfig  *config,
                  const char *key,
                  const char *value)
{
  if (g_str_equal (key, "cores"))
    return parse_uint (value, &config->cores);
  if (g_str_equal (key, "min-threads"))
    return parse_uint (value, &config->min_threads);
  if (g_str_equal (key, "max-threads"))
    return parse_uint (value, &config->max_threads);
  if (g_str_equal (key, "environment"))
    return awl_environment_from_string (value, &config->environment);
  if (g_str_equal (key, "runtime"))
    return awl_profile_from_string (value, &config->profile);
  if (g_str_equal (key, "seed"))
    {
      guint64 v;
      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &v, NULL))
        return FALSE;
      config->seed = (guint32) v;
      return TRUE;
    }
  if (g_str_equal (key, "limit-events") || g_str_equal (key, "limit-threads") || g_str_equal (key, "limit-tasks"))
    {
      guint64 v;
      if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT32, &v, NULL))
        return FALSE;
      if (key[6] == 'e')
        config->limit_events = v;
      else if (key[6] == 't' && key[7] == 'h')
        config->limit_threads = (guint) v;
      else
        config->limit_tasks = (guint) v;
      return TRUE;
    }
  if (g_str_equal (key, "limit-time"))
    {
      gint64 ns;
      if (!awl_parse_time (value, &ns) || ns <= 0)
        return FALSE;
      config->limit_time = ns;
      return TRUE;
    }
  if (g_str_equal (key, "timer-resolution"))
    {
      gint64 ns;
      if (!awl_parse_time (value, &ns) || ns <= 0)
        return FALSE;
      config->timer_resolution = ns;
      return TRUE;
    }
  return -1;
}

static AwlValue
knob_to_value (const AwlKnobValue *v)
{
  switch (v->type)
    {
    case AWL_KNOB_BOOL: return awl_value_bool (v->b);
    case AWL_KNOB_INT: return awl_value_int (v->i);
    default: return awl_value_double (v->d);
    }
}

/* The knob values and config for a run; FALSE with an error for a bad override. */
static gboolean
resolve_overrides (AwlScenario         *self,
                   const AwlKnobValues *overrides,
                   AwlConfig           *config,
                   AwlValue           **knobs_out,
                   GError             **error)
{
  AwlDirectives *d = self->unit->directives;
  g_autofree AwlValue *knobs = g_new0 (AwlValue, MAX (d->knobs->len, 1));

  *config = self->config;
  for (guint i = 0; i < d->knobs->len; i++)
    knobs[i] = knob_to_value (&((AwlKnob *) g_ptr_array_index (d->knobs, i))->default_value);

  if (overrides)
    for (const char **name = awl_knob_values_get_names (overrides); *name; name++)
      {
        const char *value = awl_knob_values_get (overrides, *name);
        AwlKnob *knob = awl_directives_find_knob (d, *name);
        int r;

        if (knob)
          {
            AwlKnobValue kv;
            g_autoptr(GError) local = NULL;
            guint index = 0;
            if (!awl_knob_value_parse (knob->default_value.type, value, &kv, &local))
              {
                g_set_error (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_KNOB,
                             "%s=%s: %s", *name, value, local ? local->message : "invalid value");
                return FALSE;
              }
            g_ptr_array_find (d->knobs, knob, &index);
            knobs[index] = knob_to_value (&kv);
            continue;
          }
        r = apply_config_key (config, *name, value);
        if (r == 0)
          {
            g_set_error (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_KNOB,
                         "%s=%s: invalid value", *name, value);
            return FALSE;
          }
        if (r < 0)
          {
            g_autoptr(GString) known = g_string_new (NULL);
            for (guint i = 0; i < d->knobs->len; i++)
              g_string_append_printf (known, "%s%s", i ? ", " : "", ((AwlKnob *) g_ptr_array_index (d->knobs, i))->name);
            g_set_error (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_KNOB,
                         "'%s' is not a knob of this scenario (knobs: %s; settings: cores, min-threads, "
                         "max-threads, environment, runtime, seed, timer-resolution, limit-events, "
                         "limit-time, limit-threads, limit-tasks)",
                         *name, known->len ? known->str : "none");
            return FALSE;
          }
      }
  if (knobs_out)
    *knobs_out = g_steal_pointer (&knobs);
  return TRUE;
}

gboolean
awl_scenario_get_config_with (AwlScenario         *self,
                              const AwlKnobValues *overrides,
                              AwlConfig           *out_config,
                              GError             **error)
{
  g_return_val_if_fail (self != NULL && out_config != NULL, FALSE);
  return resolve_overrides (self, overrides, out_config, NULL, error);
}

/* ----------------------------------------------------------------------------- */
/* Running */

static void
cancel_child (GCancellable *parent,
              gpointer      child)
{
  g_cancellable_cancel (child);
}

AwlTrace *
awl_scenario_run (AwlScenario         *self,
                  const AwlKnobValues *overrides,
                  GCancellable        *cancellable,
                  GError             **error)
{
  AwlConfig config;
  g_autofree AwlValue *knobs = NULL;
  g_autoptr(GCancellable) child = NULL;
  AwlRun *run;
  AwlSim *sim;
  AwlTrace *trace;
  gulong handler = 0;

  g_return_val_if_fail (self != NULL, NULL);

  if (!resolve_overrides (self, overrides, &config, &knobs, error))
    return NULL;

  child = g_cancellable_new ();
  if (cancellable)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_child), child, NULL);

  run = awl_run_new (self->program, knobs, self->unit->directives->knobs->len);
  run->cancellable = child;
  /* A loop that never yields to the runtime is stopped after about 12 instructions
   * per allowed event (48 million with the default limit). */
  run->insn_limit = MAX (G_GUINT64_CONSTANT (1000000), (config.limit_events ? config.limit_events : 4000000) * 12);
  sim = awl_sim_new (&config, awl_run_entry, run, awl_run_free);
  awl_run_attach (run, sim);
  awl_sim_run (sim, child);
  trace = awl_sim_get_trace (sim);
  awl_sim_free (sim);

  if (cancellable)
    g_cancellable_disconnect (cancellable, handler);
  return trace;
}

/* ----------------------------------------------------------------------------- */
/* Expectations */

void
awl_expect_result_free (AwlExpectResult *result)
{
  if (result == NULL)
    return;
  g_free (result->text);
  g_free (result->detail);
  g_free (result);
}

static gboolean
condition_holds (AwlScenario              *self,
                 const AwlExpectCondition *c,
                 const AwlKnobValues      *overrides)
{
  const char *value = awl_knob_values_get (overrides, c->key);

  if (c->knob)
    {
      AwlKnobValue current = c->knob->default_value;
      if (value && !awl_knob_value_parse (c->knob->default_value.type, value, &current, NULL))
        return FALSE;
      return awl_knob_value_equal (&current, &c->knob_value);
    }
  else
    {
      AwlConfig have = self->config, want = self->config;
      if (value && apply_config_key (&have, c->key, value) != TRUE)
        return FALSE;
      if (apply_config_key (&want, c->key, c->value) != TRUE)
        return FALSE;
      if (g_str_equal (c->key, "min-threads"))
        return (have.min_threads ? have.min_threads : have.cores) ==
               (want.min_threads ? want.min_threads : want.cores);
      return memcmp (&have, &want, sizeof have) == 0;
    }
}

gboolean
awl_scenario_expectation_applies (AwlScenario         *self,
                                  guint                i,
                                  const AwlKnobValues *overrides)
{
  AwlExpect *e;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (i < self->unit->directives->expects->len, FALSE);
  e = g_ptr_array_index (self->unit->directives->expects, i);
  for (guint k = 0; k < e->n_when; k++)
    if (!condition_holds (self, &e->when[k], overrides))
      return FALSE;
  return TRUE;
}

static gboolean
line_contains (AwlTrace   *trace,
               const char *needle,
               guint       from,
               guint      *found)
{
  guint n;
  const AwlOutputLine *lines = awl_trace_get_output (trace, &n);
  for (guint i = from; i < n; i++)
    if (strstr (lines[i].text ? lines[i].text : "", needle))
      {
        if (found)
          *found = i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
compare (AwlCompare op,
         gint64     a,
         gint64     b)
{
  switch (op)
    {
    case AWL_COMPARE_LT: return a < b;
    case AWL_COMPARE_LE: return a <= b;
    case AWL_COMPARE_EQ: return a == b;
    case AWL_COMPARE_GE: return a >= b;
    default: return a > b;
    }
}

static gboolean
evaluate (const AwlExpect *e,
          AwlTrace        *trace,
          char           **detail)
{
  const AwlOutcome *o = awl_trace_get_outcome (trace);

  switch (e->kind)
    {
    case AWL_EXPECT_OUTCOME:
      if ((int) o->kind != (int) e->outcome)
        {
          *detail = g_strdup_printf ("outcome was %s (%s)", awl_outcome_kind_to_string (o->kind),
                                     o->summary ? o->summary : "");
          return FALSE;
        }
      if (e->exception && g_strcmp0 (o->exception_type, e->exception) != 0)
        {
          *detail = g_strdup_printf ("crashed with %s", o->exception_type ? o->exception_type : "no exception");
          return FALSE;
        }
      return TRUE;
    case AWL_EXPECT_END_AT:
      {
        gint64 diff = o->end_time - e->time_ns;
        if (diff < 0)
          diff = -diff;
        if (diff > e->tolerance_ns)
          {
            *detail = g_strdup_printf ("ended at %.1f ms", AWL_TO_MS (o->end_time));
            return FALSE;
          }
        return TRUE;
      }
    case AWL_EXPECT_OUTPUT:
      if (!line_contains (trace, e->strings[0], 0, NULL))
        {
          *detail = g_strdup ("no output line contains it");
          return FALSE;
        }
      return TRUE;
    case AWL_EXPECT_NO_OUTPUT:
      if (line_contains (trace, e->strings[0], 0, NULL))
        {
          *detail = g_strdup ("an output line contains it");
          return FALSE;
        }
      return TRUE;
    case AWL_EXPECT_OUTPUT_ORDER:
      {
        guint from = 0, at = 0;
        for (guint i = 0; e->strings[i]; i++)
          {
            if (!line_contains (trace, e->strings[i], from, &at))
              {
                *detail = g_strdup_printf ("\"%s\" not found%s", e->strings[i], i ? " after the previous ones" : "");
                return FALSE;
              }
            from = at + 1;
          }
        return TRUE;
      }
    case AWL_EXPECT_OUTPUT_AT:
      {
        guint n, at = 0;
        const AwlOutputLine *lines = awl_trace_get_output (trace, &n);
        gint64 diff;

        if (!line_contains (trace, e->strings[0], 0, &at))
          {
            *detail = g_strdup ("no output line contains it");
            return FALSE;
          }
        diff = lines[at].time - e->time_ns;
        if (diff < 0)
          diff = -diff;
        if (diff > e->tolerance_ns)
          {
            *detail = g_strdup_printf ("printed at %.1f ms", AWL_TO_MS (lines[at].time));
            return FALSE;
          }
        return TRUE;
      }
    case AWL_EXPECT_PEAK_POOL_THREADS:
      {
        const AwlStats *st = awl_trace_get_stats (trace);
        if (!compare (e->compare, st->peak_pool_threads, e->number))
          {
            *detail = g_strdup_printf ("peak pool threads was %u", st->peak_pool_threads);
            return FALSE;
          }
        return TRUE;
      }
    case AWL_EXPECT_LINT:
    case AWL_EXPECT_NO_LINT:
      {
        guint n;
        const AwlLint *lints = awl_trace_get_lints (trace, &n);
        AwlLintKind kind;
        gboolean fired = FALSE;
        if (!awl_lint_kind_from_string (e->lint, &kind))
          {
            *detail = g_strdup_printf ("unknown lint '%s'", e->lint);
            return FALSE;
          }
        for (guint i = 0; i < n; i++)
          if (lints[i].kind == kind)
            fired = TRUE;
        if (fired != (e->kind == AWL_EXPECT_LINT))
          {
            *detail = g_strdup (fired ? "the lint fired" : "the lint never fired");
            return FALSE;
          }
        return TRUE;
      }
    default:
      *detail = g_strdup ("unknown expectation");
      return FALSE;
    }
}

static char *
expect_text (const AwlExpect *e)
{
  GString *s;
  if (e->n_when == 0)
    return g_strdup (e->text);
  s = g_string_new ("[");
  for (guint k = 0; k < e->n_when; k++)
    g_string_append_printf (s, "%s%s=%s", k ? "," : "", e->when[k].key, e->when[k].value);
  g_string_append_printf (s, "] %s", e->text);
  return g_string_free (s, FALSE);
}

static void
check_into (AwlScenario         *self,
            AwlTrace            *trace,
            const AwlKnobValues *overrides,
            gboolean             only_when,
            GPtrArray           *out)
{
  GPtrArray *expects = self->unit->directives->expects;

  for (guint i = 0; i < expects->len; i++)
    {
      AwlExpect *e = g_ptr_array_index (expects, i);
      AwlExpectResult *r;
      char *detail = NULL;

      if (only_when && e->n_when == 0)
        continue;
      if (!awl_scenario_expectation_applies (self, i, overrides))
        continue;
      r = g_new0 (AwlExpectResult, 1);
      r->line = e->loc.line;
      r->text = expect_text (e);
      r->passed = evaluate (e, trace, &detail);
      r->detail = detail ? detail : g_strdup ("");
      g_ptr_array_add (out, r);
    }
}

GPtrArray *
awl_scenario_check_expectations (AwlScenario         *self,
                                 AwlTrace            *trace,
                                 const AwlKnobValues *overrides)
{
  GPtrArray *out;

  g_return_val_if_fail (self != NULL && trace != NULL, NULL);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) awl_expect_result_free);
  check_into (self, trace, overrides, FALSE, out);
  return out;
}

GPtrArray *
awl_scenario_test (AwlScenario   *self,
                   GCancellable  *cancellable,
                   GError       **error)
{
  GPtrArray *expects;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GHashTable) done = NULL;
  g_autoptr(AwlTrace) trace = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  expects = self->unit->directives->expects;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) awl_expect_result_free);
  done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  trace = awl_scenario_run (self, NULL, cancellable, error);
  if (trace == NULL)
    return NULL;
  check_into (self, trace, NULL, FALSE, out);

  for (guint i = 0; i < expects->len; i++)
    {
      AwlExpect *e = g_ptr_array_index (expects, i);
      g_autoptr(AwlKnobValues) values = NULL;
      g_autoptr(AwlTrace) rerun = NULL;
      g_autoptr(GString) key = NULL;

      if (e->n_when == 0 || awl_scenario_expectation_applies (self, i, NULL))
        continue;
      values = awl_knob_values_new ();
      key = g_string_new (NULL);
      for (guint k = 0; k < e->n_when; k++)
        {
          awl_knob_values_set (values, e->when[k].key, e->when[k].value);
          g_string_append_printf (key, "%s=%s,", e->when[k].key, e->when[k].value);
        }
      if (g_hash_table_contains (done, key->str))
        continue;
      g_hash_table_add (done, g_strdup (key->str));
      rerun = awl_scenario_run (self, values, cancellable, error);
      if (rerun == NULL)
        return NULL;
      check_into (self, rerun, values, TRUE, out);
    }
  return g_steal_pointer (&out);
}

/* ----------------------------------------------------------------------------- */
/* The catalogue */

void
awl_catalogue_entry_free (AwlCatalogueEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->questions);
  g_free (entry->title);
  g_free (entry->topic);
  g_free (entry->file_name);
  g_free (entry->resource_path);
  g_free (entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const AwlCatalogueEntry *x = *(AwlCatalogueEntry **) a, *y = *(AwlCatalogueEntry **) b;
  guint qx = x->n_questions ? x->questions[0] : G_MAXUINT;
  guint qy = y->n_questions ? y->questions[0] : G_MAXUINT;
  if (qx != qy)
    return qx < qy ? -1 : 1;
  return g_strcmp0 (x->file_name, y->file_name);
}

GPtrArray *
awl_catalogue_load (GError **error)
{
  g_auto(GStrv) names = NULL;
  GPtrArray *out;
  g_autoptr(GError) local = NULL;

  names = g_resources_enumerate_children (AWL_CATALOGUE_RESOURCE_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, &local);
  if (names == NULL)
    {
      g_set_error (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_IO,
                   "the built-in catalogue is missing: %s", local->message);
      return NULL;
    }

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) awl_catalogue_entry_free);
  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(AwlUnit) unit = NULL;
      AwlCatalogueEntry *entry;
      gsize len = 0;
      const char *data;

      if (!g_str_has_suffix (names[i], ".csx"))
        continue;
      path = g_strconcat (AWL_CATALOGUE_RESOURCE_PATH, names[i], NULL);
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes == NULL)
        continue;
      data = g_bytes_get_data (bytes, &len);
      unit = awl_parse (names[i], data, len, AWL_PARSE_NO_CHECK);
      if (unit->directives->title == NULL)
        {
          g_warning ("catalogue: %s has no @title; skipped", names[i]);
          continue;
        }
      entry = g_new0 (AwlCatalogueEntry, 1);
      entry->n_questions = unit->directives->n_questions;
      entry->questions = g_memdup2 (unit->directives->questions, sizeof (guint) * MAX (entry->n_questions, 1));
      entry->title = g_strdup (unit->directives->title);
      entry->topic = g_strdup (unit->directives->topic);
      entry->file_name = g_strdup (names[i]);
      entry->resource_path = g_steal_pointer (&path);
      g_ptr_array_add (out, entry);
    }
  g_ptr_array_sort (out, compare_entries);
  return out;
}

/* awl-scenario.h
 *
 * Scenarios: a .csx file (directives + C# subset) parsed by the language front end,
 * compiled to per-method instruction lists and run on the simulated runtime.
 *
 * This is what the app, the command line and the exports call:
 *
 *   g_autoptr(GError) error = NULL;
 *   g_autoptr(AwlScenario) sc = awl_scenario_new_from_file ("x.csx", &error);
 *   if (sc == NULL)
 *     g_printerr ("%s", error->message);      // every FILE:LINE:COL: error: …
 *   g_autoptr(AwlTrace) trace = awl_scenario_run (sc, NULL, NULL, &error);
 *   g_autoptr(GPtrArray) results = awl_scenario_check_expectations (sc, trace, NULL);
 *
 * An AwlScenario is refcounted and immutable once loaded; awl_scenario_run() may be
 * called from any thread (each call builds its own simulation), also concurrently.
 */

#pragma once

#include <gio/gio.h>

#include "awl-runtime.h"

G_BEGIN_DECLS

#define AWL_SCENARIO_ERROR (awl_scenario_error_quark ())

typedef enum
{
  AWL_SCENARIO_ERROR_INVALID,     /* the scenario has errors (message = all of them) */
  AWL_SCENARIO_ERROR_KNOB,        /* an override names no knob or does not fit its type */
  AWL_SCENARIO_ERROR_IO,          /* the file / resource could not be read */
  AWL_SCENARIO_ERROR_CANCELLED,   /* reserved (a cancelled run still returns a trace) */
} AwlScenarioError;

GQuark awl_scenario_error_quark (void);

typedef struct _AwlScenario   AwlScenario;
typedef struct _AwlKnobValues AwlKnobValues;

/* ---------------------------------------------------------------------------------
 * Knob overrides: name → value as text ("true", "42", "1.5").
 *
 * Besides @knob names, these keys override the configuration (as `--set` and
 * `@expect-when` allow): cores, min-threads, max-threads, environment, runtime, seed,
 * timer-resolution, and the run's limits limit-events, limit-time (TIME), limit-threads,
 * limit-tasks (a loop that never yields is stopped after ~12 instructions per allowed
 * event).
 * ------------------------------------------------------------------------------ */

AwlKnobValues *awl_knob_values_new      (void);
AwlKnobValues *awl_knob_values_copy     (const AwlKnobValues *values);
void           awl_knob_values_free     (AwlKnobValues       *values);
/* Sets (replaces) @name to @value. */
void           awl_knob_values_set      (AwlKnobValues       *values,
                                         const char          *name,
                                         const char          *value);
/* Parses "NAME=VALUE"; FALSE (and no change) without a '='. */
gboolean       awl_knob_values_set_assignment (AwlKnobValues *values,
                                         const char          *assignment);
/* The value text or NULL. */
const char    *awl_knob_values_get      (const AwlKnobValues *values,
                                         const char          *name);
/* The names set, in insertion order (NULL-terminated, owned by @values). */
const char   **awl_knob_values_get_names (const AwlKnobValues *values);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwlKnobValues, awl_knob_values_free)

/* ---------------------------------------------------------------------------------
 * What a loaded scenario describes
 * ------------------------------------------------------------------------------ */

typedef enum
{
  AWL_SCENARIO_KNOB_BOOL,
  AWL_SCENARIO_KNOB_INT,
  AWL_SCENARIO_KNOB_DOUBLE,
} AwlScenarioKnobType;

typedef struct
{
  const char          *name;
  AwlScenarioKnobType  type;
  const char          *default_value;  /* as C# source writes it: "true", "3", "1.5" */
  const char          *label;          /* "" if none */
  int                  line;           /* the directive's line */
} AwlScenarioKnob;

typedef struct
{
  int          line;    /* the code line the note points at (L<line>) */
  const char  *text;
  int          directive_line;
} AwlScenarioNote;

typedef struct
{
  int           line;       /* the directive's line */
  const char   *text;       /* the expectation as written: "outcome deadlock" */
  /* @expect-when conditions as "K=V" strings (NULL-terminated; empty for @expect). */
  const char  **when;
} AwlScenarioExpect;

typedef struct
{
  const char   *question;
  const char  **choices;    /* NULL-terminated, display order */
  guint         n_choices;
  guint         answer;     /* index into choices */
  const char   *why;        /* "" if none */
} AwlScenarioQuiz;

/* An await point of a method, numbered like the C# compiler's state machine. */
typedef struct
{
  const char  *method;      /* display name ("GetDataAsync", "Main.lambda#1") */
  int          state;       /* 0, 1, … */
  int          line;
  int          col;
} AwlScenarioAwait;

/* Loads a scenario. NULL on errors, with AWL_SCENARIO_ERROR_INVALID whose message is
 * every diagnostic formatted `FILE:LINE:COL: error: MESSAGE` + source line + caret
 * (or AWL_SCENARIO_ERROR_IO). */
AwlScenario *awl_scenario_new_from_file     (const char   *path,
                                             GError      **error);
AwlScenario *awl_scenario_new_from_text     (const char   *display_name,
                                             const char   *text,
                                             GError      **error);
struct _AwlDiagnostics;
/* Like awl_scenario_new_from_text(), and sets *@diagnostics (never NULL, free with
 * awl_diagnostics_free()) to every diagnostic of the one parse, also on failure. */
AwlScenario *awl_scenario_parse_text        (const char   *display_name,
                                             const char   *text,
                                             struct _AwlDiagnostics **diagnostics,
                                             GError      **error);
/* From a GResource path, e.g. /org/awaitlab/Awaitlab/scenarios/01-….csx; the display
 * name is the file's base name. */
AwlScenario *awl_scenario_new_from_resource (const char   *resource_path,
                                             GError      **error);

/* Every diagnostic (front end and compiler) of a text, without keeping a scenario:
 * what `awaitlab check` and the editor's squiggles use. Never NULL. Free with
 * awl_diagnostics_free() (declared in awl-diagnostic.h). */
struct _AwlDiagnostics *awl_scenario_check_text (const char *display_name,
                                             const char   *text,
                                             gssize        length);

AwlScenario *awl_scenario_ref               (AwlScenario  *self);
void         awl_scenario_unref             (AwlScenario  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwlScenario, awl_scenario_unref)

const char  *awl_scenario_get_display_name  (AwlScenario  *self);
const char  *awl_scenario_get_title         (AwlScenario  *self);
/* NULL if none. */
const char  *awl_scenario_get_topic         (AwlScenario  *self);
const guint *awl_scenario_get_questions     (AwlScenario  *self,
                                             guint        *n_questions);
/* The @explain block (simple Markdown), or NULL. */
const char  *awl_scenario_get_explanation   (AwlScenario  *self);
const char  *awl_scenario_get_source        (AwlScenario  *self);
/* The entry method name actually used. */
const char  *awl_scenario_get_entry         (AwlScenario  *self);
/* The configuration from the directives (before overrides). */
const AwlConfig *awl_scenario_get_config    (AwlScenario  *self);
/* The configuration with @overrides applied; FALSE with AWL_SCENARIO_ERROR_KNOB if
 * an override is invalid. */
gboolean     awl_scenario_get_config_with   (AwlScenario  *self,
                                             const AwlKnobValues *overrides,
                                             AwlConfig    *out_config,
                                             GError      **error);

const AwlScenarioKnob   *awl_scenario_get_knobs        (AwlScenario *self,
                                                        guint       *n_knobs);
const AwlScenarioNote   *awl_scenario_get_notes        (AwlScenario *self,
                                                        guint       *n_notes);
/* The note for code line @line, or NULL. */
const char              *awl_scenario_get_note_for_line (AwlScenario *self,
                                                        int          line);
const AwlScenarioExpect *awl_scenario_get_expectations (AwlScenario *self,
                                                        guint       *n_expects);
const AwlScenarioQuiz   *awl_scenario_get_quizzes      (AwlScenario *self,
                                                        guint       *n_quizzes);
const AwlScenarioAwait  *awl_scenario_get_await_points (AwlScenario *self,
                                                        guint       *n_points);
/* Warnings of a scenario that loaded (may be empty, never NULL). */
const struct _AwlDiagnostics *awl_scenario_get_diagnostics (AwlScenario *self);

/* ---------------------------------------------------------------------------------
 * Running
 * ------------------------------------------------------------------------------ */

/* Simulates the scenario with @overrides (may be NULL) and returns the trace (the
 * outcome is in it). NULL only with AWL_SCENARIO_ERROR_KNOB for a bad override.
 * Cancelling @cancellable ends the run with outcome LIMIT "cancelled". */
AwlTrace    *awl_scenario_run               (AwlScenario          *self,
                                             const AwlKnobValues  *overrides,
                                             GCancellable         *cancellable,
                                             GError              **error);

/* ---------------------------------------------------------------------------------
 * Expectations
 * ------------------------------------------------------------------------------ */

typedef struct
{
  int       line;       /* the directive's line */
  char     *text;       /* "outcome deadlock" or "[K=V] outcome completed" */
  gboolean  passed;
  char     *detail;     /* why it failed ("outcome was completed"), "" when passed */
} AwlExpectResult;

void awl_expect_result_free (AwlExpectResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwlExpectResult, awl_expect_result_free)

/* Whether the @expect / @expect-when at index @i applies to a run with @overrides
 * (plain @expect always; @expect-when when every K=V holds, defaults included). */
gboolean   awl_scenario_expectation_applies (AwlScenario          *self,
                                             guint                 i,
                                             const AwlKnobValues  *overrides);
/* Evaluates every expectation that applies to the run (@overrides as used for
 * @trace). Returns AwlExpectResult* (free func set). */
GPtrArray *awl_scenario_check_expectations  (AwlScenario          *self,
                                             AwlTrace             *trace,
                                             const AwlKnobValues  *overrides);
/* `awaitlab test`: runs with the defaults and checks the plain @expect lines (and
 * any @expect-when that holds by default), then, for each distinct @expect-when
 * condition set, runs again with those values and checks what applies there. Result
 * texts of re-runs start with "[K=V] ". NULL only with an error (bad condition). */
GPtrArray *awl_scenario_test                (AwlScenario          *self,
                                             GCancellable         *cancellable,
                                             GError              **error);

/* ---------------------------------------------------------------------------------
 * The built-in catalogue
 * ------------------------------------------------------------------------------ */

#define AWL_CATALOGUE_RESOURCE_PATH "/org/awaitlab/Awaitlab/scenarios/"

typedef struct
{
  guint    *questions;
  guint     n_questions;
  char     *title;
  char     *topic;          /* NULL if none */
  char     *file_name;      /* "13-synchronizationcontext-ui.csx" */
  char     *resource_path;  /* AWL_CATALOGUE_RESOURCE_PATH + file_name */
} AwlCatalogueEntry;

void awl_catalogue_entry_free (AwlCatalogueEntry *entry);

/* Every scenario of the GResource bundle (link `scenario_resources`), sorted by
 * first question number then file name. Only the directives are read. Returns a
 * GPtrArray of AwlCatalogueEntry* (free func set); NULL with an error if the bundle
 * is missing. Entries whose directives do not parse are skipped with a g_warning. */
GPtrArray *awl_catalogue_load (GError **error);

G_END_DECLS

/* awl-directives.h
 *
 * The `// @name value` lines at the top of a scenario file (before the first line
 * of code) and the `/ * @explain … * /` block comment (anywhere in the file).
 *
 *   @title TEXT                          required
 *   @questions N…                        1-50, space or comma separated
 *   @topic NAME                          e.g. Basics, "Context and ConfigureAwait"
 *   @environment console|ui|aspnet-classic|aspnetcore    default console
 *   @entry METHOD                        default Main / Button_Click / HandleRequestAsync
 *   @cores N                             default 4
 *   @min-threads N                       default = cores (0 here)
 *   @max-threads N                       default 32767
 *   @runtime net8|netfx                  default net8
 *   @timer-resolution TIME               default 1ms
 *   @seed N                              default 1
 *   @load RPS for TIME                   web environments
 *   @knob Name = VALUE "label"           bool, int or double
 *   @expect EXPECTATION                  see AwlExpectKind
 *   @expect-when K=V[,K=V…] EXPECTATION  holds only when every K has value V
 *                                        (K: a knob, or cores, min-threads,
 *                                        environment, runtime)
 *   @note L<line>: TEXT                  shown when execution first reaches the line
 *   @quiz QUESTION                       predict-then-reveal, followed by:
 *   @choice TEXT                           a wrong choice (in display order)
 *   @answer TEXT                           the right choice (in its display order)
 *   @why TEXT                              why (repeat @why to continue the text)
 *
 * TIME is `200ms`, `1.5s`, `250us`, `3ns`, or a bare number of milliseconds.
 * Times here are gint64 nanoseconds (the runtime's AwlTime).
 */

#pragma once

#include <glib.h>

#include "awl-ast.h"
#include "awl-diagnostic.h"

G_BEGIN_DECLS

/* A title is one line in a header bar and in lists; longer is an error. */
#define AWL_MAX_TITLE_CHARS 200

typedef enum
{
  AWL_SCENARIO_ENV_CONSOLE,
  AWL_SCENARIO_ENV_UI,
  AWL_SCENARIO_ENV_ASPNET_CLASSIC,
  AWL_SCENARIO_ENV_ASPNETCORE,
} AwlScenarioEnv;

typedef enum
{
  AWL_SCENARIO_RUNTIME_NET8,
  AWL_SCENARIO_RUNTIME_NETFX,
} AwlScenarioRuntime;

/* ---------------------------------------------------------------------------- */
/* Knobs                                                                        */

typedef enum
{
  AWL_KNOB_BOOL,
  AWL_KNOB_INT,
  AWL_KNOB_DOUBLE,
} AwlKnobType;

typedef struct
{
  AwlKnobType type;
  union
  {
    gboolean b;
    gint64   i;
    double   d;
  };
} AwlKnobValue;

struct _AwlKnob
{
  AwlLoc        loc;             /* of the name */
  char         *name;
  char         *label;           /* "" if none was given */
  AwlKnobValue  default_value;   /* its type is the knob's type */
};

/* Parses "true"/"false" (bool), "42" (int), "1.5" (double; an int is accepted and
 * widened) into @out for a knob of @type. FALSE with AWL_LANGUAGE_ERROR_KNOB_VALUE
 * and a message naming the expected type otherwise. */
gboolean awl_knob_value_parse     (AwlKnobType          type,
                                   const char          *text,
                                   AwlKnobValue        *out,
                                   GError             **error);
/* "true", "42", "1.5" — how C# source would write it (not how Console formats it). */
char    *awl_knob_value_to_string (const AwlKnobValue  *value);
gboolean awl_knob_value_equal     (const AwlKnobValue  *a,
                                   const AwlKnobValue  *b);
const char *awl_knob_type_to_string (AwlKnobType type);   /* "bool", "int", "double" */

/* ---------------------------------------------------------------------------- */
/* Expectations                                                                 */

typedef enum
{
  AWL_EXPECT_OUTCOME,            /* outcome completed|deadlock|crashed|limit [EXCEPTION] */
  AWL_EXPECT_END_AT,             /* end-at TIME [± TIME]   (also "+-") */
  AWL_EXPECT_OUTPUT,             /* output "TEXT"          a line containing TEXT */
  AWL_EXPECT_NO_OUTPUT,          /* no-output "TEXT"       no line contains TEXT */
  AWL_EXPECT_OUTPUT_ORDER,       /* output-order "A" "B" … lines containing A, B, … in order */
  AWL_EXPECT_OUTPUT_AT,          /* output-at "TEXT" TIME [± TIME]  the first line containing
                                    TEXT is printed at TIME */
  AWL_EXPECT_PEAK_POOL_THREADS,  /* peak-pool-threads OP N */
  AWL_EXPECT_LINT,               /* lint NAME              the lint fired at least once */
  AWL_EXPECT_NO_LINT,            /* no-lint NAME           the lint never fired */
} AwlExpectKind;

typedef enum
{
  AWL_EXPECT_OUTCOME_COMPLETED,
  AWL_EXPECT_OUTCOME_DEADLOCK,
  AWL_EXPECT_OUTCOME_CRASHED,
  AWL_EXPECT_OUTCOME_LIMIT,
} AwlExpectOutcome;

typedef enum
{
  AWL_COMPARE_LT,   /* < */
  AWL_COMPARE_LE,   /* <= */
  AWL_COMPARE_EQ,   /* = (also ==) */
  AWL_COMPARE_GE,   /* >= */
  AWL_COMPARE_GT,   /* > */
} AwlCompare;

/* `K=V` of @expect-when. */
typedef struct
{
  char         *key;       /* a knob name or cores|min-threads|environment|runtime */
  char         *value;     /* as written: "true", "1", "ui", "netfx" */
  AwlKnob      *knob;      /* the knob if key names one, else NULL */
  AwlKnobValue  knob_value;/* parsed value when knob != NULL */
  AwlLoc        loc;       /* of the key */
} AwlExpectCondition;

typedef struct
{
  AwlLoc               loc;          /* of the `@` */
  char                *text;         /* the expectation as written, e.g. "outcome deadlock" */
  AwlExpectKind        kind;
  AwlExpectOutcome     outcome;      /* OUTCOME */
  char                *exception;    /* OUTCOME crashed: optional exception type, else NULL */
  gint64               time_ns;      /* END_AT, OUTPUT_AT */
  gint64               tolerance_ns; /* END_AT, OUTPUT_AT: 0 if not given */
  char               **strings;      /* OUTPUT, NO_OUTPUT, OUTPUT_AT (one), OUTPUT_ORDER (≥ 2);
                                        NULL-terminated */
  AwlCompare           compare;      /* PEAK_POOL_THREADS */
  gint64               number;       /* PEAK_POOL_THREADS */
  char                *lint;         /* LINT, NO_LINT */
  AwlExpectCondition  *when;         /* @expect-when conditions (all must hold); */
  guint                n_when;       /*   n_when == 0 for a plain @expect */
} AwlExpect;

/* ---------------------------------------------------------------------------- */
/* Notes and quizzes                                                            */

typedef struct
{
  AwlLoc  loc;        /* of the `@` */
  guint   target_line;/* L<line> */
  char   *text;
} AwlNote;

typedef struct
{
  AwlLoc   loc;       /* of the `@quiz` */
  char    *question;
  char   **choices;   /* NULL-terminated, display order, ≥ 2 */
  guint    n_choices;
  guint    answer;    /* index into choices of the right one */
  char    *why;       /* the explanation shown after the run ("" if none) */
} AwlQuiz;

/* ---------------------------------------------------------------------------- */
/* All directives of a file                                                     */

typedef struct
{
  char               *title;           /* NULL only if missing (which is an error) */
  AwlLoc              title_loc;
  guint              *questions;       /* question numbers in order written */
  guint               n_questions;
  char               *topic;           /* NULL if none */
  AwlScenarioEnv      environment;
  gboolean            has_environment; /* written explicitly */
  char               *entry;           /* NULL = default for the environment */
  guint               cores;           /* default 4 */
  guint               min_threads;     /* 0 = same as cores */
  guint               max_threads;     /* default 32767 */
  AwlScenarioRuntime  runtime;         /* default net8 */
  gint64              timer_resolution_ns; /* default 1 ms */
  guint64             seed;            /* default 1 */
  gboolean            has_load;
  double              load_rps;        /* requests per second */
  gint64              load_duration_ns;

  GPtrArray          *knobs;           /* AwlKnob*, in order */
  GPtrArray          *expects;         /* AwlExpect*, in order (@expect and @expect-when) */
  GPtrArray          *notes;           /* AwlNote*, in order */
  GPtrArray          *quizzes;         /* AwlQuiz*, in order */

  char               *explain;         /* the @explain block's Markdown, dedented; NULL if none */
  guint               explain_line;    /* line of the `/ *` that opens it */
  guint               last_line;       /* the last directive line (0 if none) */
} AwlDirectives;

AwlDirectives *awl_directives_new         (void);   /* every default set */
void           awl_directives_free        (AwlDirectives       *dirs);
AwlKnob       *awl_directives_find_knob   (const AwlDirectives *dirs,
                                           const char          *name);
/* The entry method name: @entry, else Main (console), Button_Click (ui),
 * HandleRequestAsync (web). */
const char    *awl_directives_get_entry   (const AwlDirectives *dirs);

const char    *awl_scenario_env_to_string     (AwlScenarioEnv      env);  /* "console", … */
gboolean       awl_scenario_env_from_string   (const char          *text,
                                               AwlScenarioEnv      *out);
const char    *awl_scenario_runtime_to_string (AwlScenarioRuntime  runtime);
gboolean       awl_scenario_runtime_from_string (const char        *text,
                                               AwlScenarioRuntime  *out);
const char    *awl_expect_outcome_to_string   (AwlExpectOutcome    outcome);
const char    *awl_compare_to_string          (AwlCompare          compare);

/* TIME: "200ms", "1.5s", "250us", "7ns", or a bare number (milliseconds). */
gboolean       awl_parse_time                 (const char          *text,
                                               gint64              *out_ns);
/* "200 ms", "1.5 s", "250 us": for messages. */
char          *awl_format_time                (gint64               ns);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwlDirectives, awl_directives_free)

G_END_DECLS

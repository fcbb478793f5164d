/* awl-directives.c
 *
 * Parsing of `// @name value` lines. Every error points at the word it is about,
 * so a column is tracked (in characters) while reading a line. The values the lines
 * carry are read and written in awl-directive-values.c.
 */

#include "awl-language-private.h"

#include <stdlib.h>
#include <string.h>

static const char * const topics[] = {
  "Basics", "Tasks", "Internals", "Context and ConfigureAwait", "Task.Run",
  "Cancellation", "Delays and timers", "Combinators", "Exceptions",
  "Deadlocks and starvation", "Throttling and retries", "Async streams",
  "Production", NULL
};

static const char * const directive_names[] = {
  "title", "questions", "topic", "environment", "entry", "cores", "min-threads",
  "max-threads", "runtime", "timer-resolution", "seed", "load", "knob", "expect",
  "expect-when", "note", "quiz", "choice", "answer", "answer-when", "why", "explain",
  "quiz-title", NULL
};

/* ---------------------------------------------------------------------------- */
/* Values                                                                       */

static void
knob_free (gpointer data)
{
  AwlKnob *k = data;

  g_free (k->name);
  g_free (k->label);
  g_free (k);
}

static void
expect_free (gpointer data)
{
  AwlExpect *e = data;

  g_free (e->text);
  g_free (e->exception);
  g_strfreev (e->strings);
  g_free (e->lint);
  for (guint i = 0; i < e->n_when; i++)
    {
      g_free (e->when[i].key);
      g_free (e->when[i].value);
    }
  g_free (e->when);
  g_free (e);
}

static void
note_free (gpointer data)
{
  AwlNote *n = data;

  g_free (n->text);
  g_free (n);
}

static void
quiz_free (gpointer data)
{
  AwlQuiz *q = data;

  for (guint i = 0; i < q->n_answers_when; i++)
    {
      for (guint k = 0; k < q->answers_when[i].n_when; k++)
        {
          g_free (q->answers_when[i].when[k].key);
          g_free (q->answers_when[i].when[k].value);
        }
      g_free (q->answers_when[i].when);
      g_free (q->answers_when[i].choice);
    }
  g_free (q->answers_when);
  g_free (q->question);
  g_strfreev (q->choices);
  g_free (q->why);
  g_free (q);
}

AwlDirectives *
awl_directives_new (void)
{
  AwlDirectives *dirs = g_new0 (AwlDirectives, 1);

  dirs->environment = AWL_SCENARIO_ENV_CONSOLE;
  dirs->cores = 4;
  dirs->min_threads = 0;
  dirs->max_threads = 32767;
  dirs->runtime = AWL_SCENARIO_RUNTIME_NET8;
  dirs->timer_resolution_ns = 1000000;
  dirs->seed = 1;
  dirs->knobs = g_ptr_array_new_with_free_func (knob_free);
  dirs->expects = g_ptr_array_new_with_free_func (expect_free);
  dirs->notes = g_ptr_array_new_with_free_func (note_free);
  dirs->quizzes = g_ptr_array_new_with_free_func (quiz_free);

  return dirs;
}

void
awl_directives_free (AwlDirectives *dirs)
{
  if (dirs == NULL)
    return;

  g_free (dirs->title);
  g_free (dirs->quiz_title);
  g_free (dirs->questions);
  g_free (dirs->topic);
  g_free (dirs->entry);
  g_ptr_array_unref (dirs->knobs);
  g_ptr_array_unref (dirs->expects);
  g_ptr_array_unref (dirs->notes);
  g_ptr_array_unref (dirs->quizzes);
  g_free (dirs->explain);
  g_free (dirs);
}

AwlKnob *
awl_directives_find_knob (const AwlDirectives *dirs,
                          const char          *name)
{
  g_return_val_if_fail (dirs != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < dirs->knobs->len; i++)
    {
      AwlKnob *k = g_ptr_array_index (dirs->knobs, i);
      if (strcmp (k->name, name) == 0)
        return k;
    }

  return NULL;
}

const char *
awl_directives_get_entry (const AwlDirectives *dirs)
{
  g_return_val_if_fail (dirs != NULL, "Main");

  if (dirs->entry != NULL)
    return dirs->entry;
  switch (dirs->environment)
    {
    case AWL_SCENARIO_ENV_UI:
      return "Button_Click";
    case AWL_SCENARIO_ENV_ASPNET_CLASSIC:
    case AWL_SCENARIO_ENV_ASPNETCORE:
      return "HandleRequestAsync";
    case AWL_SCENARIO_ENV_CONSOLE:
    default:
      return "Main";
    }
}

/* ---------------------------------------------------------------------------- */
/* Reading a line                                                               */

typedef struct
{
  AwlDiagnostics *diags;
  const char     *s;
  gsize           len;
  gsize           pos;
  guint           line;
  guint           col;      /* column of s[pos] */
  gboolean        failed;
} Cursor;

static void
cur_advance (Cursor *c)
{
  if (c->pos >= c->len)
    return;
  c->pos++;
  while (c->pos < c->len && (((guchar) c->s[c->pos]) & 0xC0) == 0x80)
    c->pos++;
  c->col++;
}

static void
skip_space (Cursor *c)
{
  while (c->pos < c->len && (c->s[c->pos] == ' ' || c->s[c->pos] == '\t'))
    cur_advance (c);
}

static gboolean
at_end (Cursor *c)
{
  skip_space (c);
  return c->pos >= c->len;
}

static void G_GNUC_PRINTF (4, 5)
dir_error (Cursor     *c,
           guint       col,
           guint       length,
           const char *format,
           ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  if (c->failed)
    return;
  c->failed = TRUE;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  awl_diagnostics_add_literal (c->diags, AWL_SEVERITY_ERROR, c->line, col, length, msg);
}

/* A run of characters up to a space (or one of @stops). */
static char *
read_word (Cursor     *c,
           guint      *col,
           const char *stops)
{
  gsize start;

  skip_space (c);
  *col = c->col;
  start = c->pos;
  while (c->pos < c->len && c->s[c->pos] != ' ' && c->s[c->pos] != '\t' &&
         (stops == NULL || strchr (stops, c->s[c->pos]) == NULL))
    cur_advance (c);
  if (c->pos == start)
    return NULL;
  return g_strndup (c->s + start, c->pos - start);
}

static char *
read_rest (Cursor *c,
           guint  *col)
{
  gsize end = c->len;

  skip_space (c);
  *col = c->col;
  while (end > c->pos && (c->s[end - 1] == ' ' || c->s[end - 1] == '\t'))
    end--;
  {
    char *ret = g_strndup (c->s + c->pos, end - c->pos);
    while (c->pos < c->len)
      cur_advance (c);
    return ret;
  }
}

/* "text" with \" and \\ escapes. NULL (reported) if not a quoted string. */
static char *
read_quoted (Cursor     *c,
             const char *what)
{
  GString *out;
  guint col;

  skip_space (c);
  col = c->col;
  if (c->pos >= c->len || c->s[c->pos] != '"')
    {
      dir_error (c, col, 1, "expected %s in double quotes", what);
      return NULL;
    }
  cur_advance (c);
  out = g_string_new (NULL);
  for (;;)
    {
      char ch;

      if (c->pos >= c->len)
        {
          dir_error (c, col, 1, "unterminated string: `\"` has no closing `\"`");
          g_string_free (out, TRUE);
          return NULL;
        }
      ch = c->s[c->pos];
      if (ch == '"')
        {
          cur_advance (c);
          break;
        }
      if (ch == '\\' && c->pos + 1 < c->len && (c->s[c->pos + 1] == '"' || c->s[c->pos + 1] == '\\'))
        {
          cur_advance (c);
          ch = c->s[c->pos];
          g_string_append_c (out, ch);
          cur_advance (c);
          continue;
        }
      {
        gsize start = c->pos;
        cur_advance (c);
        g_string_append_len (out, c->s + start, c->pos - start);
      }
    }

  return g_string_free (out, FALSE);
}

static void
expect_end (Cursor     *c,
            const char *what)
{
  guint col;
  g_autofree char *word = NULL;

  if (at_end (c) || c->failed)
    return;
  word = read_word (c, &col, NULL);
  dir_error (c, col, (guint) g_utf8_strlen (word, -1), "unexpected `%s` after %s", word, what);
}

static gboolean
read_uint (Cursor     *c,
           const char *directive,
           guint64     min,
           guint64     max,
           guint64    *out)
{
  guint col;
  g_autofree char *word = read_word (c, &col, NULL);
  gint64 v;

  if (word == NULL)
    {
      dir_error (c, c->col, 1, "`@%s` needs a number", directive);
      return FALSE;
    }
  if (!awl_directive_parse_int64 (word, &v) || v < (gint64) min || (guint64) v > max)
    {
      dir_error (c, col, (guint) g_utf8_strlen (word, -1),
                 "`@%s` takes a whole number from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT ", not `%s`",
                 directive, min, max, word);
      return FALSE;
    }
  *out = (guint64) v;
  return TRUE;
}

static gboolean
read_time (Cursor     *c,
           const char *what,
           gint64     *out)
{
  guint col;
  g_autofree char *word = read_word (c, &col, NULL);

  if (word == NULL)
    {
      dir_error (c, c->col, 1, "expected %s (a time such as `200ms`, `1.5s` or `250us`)", what);
      return FALSE;
    }
  if (!awl_parse_time (word, out))
    {
      dir_error (c, col, (guint) g_utf8_strlen (word, -1),
                 "`%s` is not a time; write e.g. `200ms`, `1.5s`, `250us` or a number of milliseconds",
                 word);
      return FALSE;
    }
  return TRUE;
}

/* TIME [± TIME] of end-at and output-at ("+-" and "+/-" work too). */
static gboolean
read_time_tolerance (Cursor     *c,
                     const char *what,
                     AwlExpect  *e)
{
  if (!read_time (c, what, &e->time_ns))
    return FALSE;
  if (!at_end (c))
    {
      guint col;
      g_autofree char *pm = read_word (c, &col, NULL);

      if (strcmp (pm, "±") != 0 && strcmp (pm, "+-") != 0 && strcmp (pm, "+/-") != 0)
        {
          dir_error (c, col, (guint) g_utf8_strlen (pm, -1),
                     "expected `±` and a tolerance after %s, found `%s`", what, pm);
          return FALSE;
        }
      if (!read_time (c, "a tolerance after `±`", &e->tolerance_ns))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_identifier (const char *s)
{
  if (s == NULL || !(g_ascii_isalpha (*s) || *s == '_'))
    return FALSE;
  for (s++; *s; s++)
    if (!(g_ascii_isalnum (*s) || *s == '_'))
      return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------------- */
/* Individual directives                                                        */

static void
parse_knob (AwlDirectives *dirs,
            Cursor        *c,
            AwlLoc         at)
{
  guint name_col, value_col;
  g_autofree char *name = read_word (c, &name_col, "=");
  g_autofree char *value = NULL;
  AwlKnob *knob;

  if (name == NULL)
    {
      dir_error (c, c->col, 1, "`@knob` needs a name: `@knob Name = VALUE \"label\"`");
      return;
    }
  if (!is_identifier (name) || awl_is_keyword (name))
    {
      dir_error (c, name_col, (guint) g_utf8_strlen (name, -1),
                 "`%s` is not a valid knob name (use a C# identifier such as `UseConfigureAwait`)", name);
      return;
    }
  if (awl_directives_find_knob (dirs, name) != NULL)
    {
      dir_error (c, name_col, strlen (name), "the knob `%s` is declared twice", name);
      return;
    }
  skip_space (c);
  if (c->pos >= c->len || c->s[c->pos] != '=')
    {
      dir_error (c, c->col, 1, "expected `=` after the knob name: `@knob %s = VALUE \"label\"`", name);
      return;
    }
  cur_advance (c);
  value = read_word (c, &value_col, NULL);
  if (value == NULL)
    {
      dir_error (c, c->col, 1, "`@knob %s` needs a value: true, false, an integer or a number like 1.5", name);
      return;
    }

  knob = g_new0 (AwlKnob, 1);
  knob->loc.line = c->line;
  knob->loc.col = name_col;
  knob->name = g_strdup (name);
  if (strcmp (value, "true") == 0 || strcmp (value, "false") == 0)
    {
      knob->default_value.type = AWL_KNOB_BOOL;
      knob->default_value.b = value[0] == 't';
    }
  else if (awl_directive_parse_int64 (value, &knob->default_value.i))
    knob->default_value.type = AWL_KNOB_INT;
  else if (awl_directive_parse_double (value, &knob->default_value.d))
    knob->default_value.type = AWL_KNOB_DOUBLE;
  else
    {
      dir_error (c, value_col, (guint) g_utf8_strlen (value, -1),
                 "the knob value `%s` is not a bool, an int or a double (write true, false, 42 or 1.5)",
                 value);
      knob_free (knob);
      return;
    }

  if (!at_end (c))
    knob->label = read_quoted (c, "the knob's label");
  if (knob->label == NULL)
    knob->label = g_strdup ("");
  expect_end (c, "the knob's label");
  g_ptr_array_add (dirs->knobs, knob);
}

static gboolean
parse_compare (const char *s,
               AwlCompare *out,
               gsize      *len)
{
  static const struct { const char *t; AwlCompare c; } ops[] = {
    { "<=", AWL_COMPARE_LE }, { ">=", AWL_COMPARE_GE }, { "==", AWL_COMPARE_EQ },
    { "<", AWL_COMPARE_LT }, { ">", AWL_COMPARE_GT }, { "=", AWL_COMPARE_EQ },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    if (strncmp (s, ops[i].t, strlen (ops[i].t)) == 0)
      {
        *out = ops[i].c;
        *len = strlen (ops[i].t);
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_expectation (Cursor    *c,
                   AwlExpect *e)
{
  guint kind_col;
  g_autofree char *kind = read_word (c, &kind_col, NULL);

  if (kind == NULL)
    {
      dir_error (c, c->col, 1, "`@expect` needs an expectation: outcome, end-at, output, no-output, output-order, output-at, peak-pool-threads, lint or no-lint");
      return FALSE;
    }

  if (strcmp (kind, "outcome") == 0)
    {
      guint col;
      g_autofree char *word = read_word (c, &col, NULL);

      e->kind = AWL_EXPECT_OUTCOME;
      if (word == NULL)
        {
          dir_error (c, c->col, 1, "`outcome` needs one of completed, deadlock, crashed, limit");
          return FALSE;
        }
      if (strcmp (word, "completed") == 0) e->outcome = AWL_EXPECT_OUTCOME_COMPLETED;
      else if (strcmp (word, "deadlock") == 0) e->outcome = AWL_EXPECT_OUTCOME_DEADLOCK;
      else if (strcmp (word, "crashed") == 0) e->outcome = AWL_EXPECT_OUTCOME_CRASHED;
      else if (strcmp (word, "limit") == 0) e->outcome = AWL_EXPECT_OUTCOME_LIMIT;
      else
        {
          dir_error (c, col, (guint) g_utf8_strlen (word, -1),
                     "unknown outcome `%s`; use completed, deadlock, crashed or limit", word);
          return FALSE;
        }
      if (e->outcome == AWL_EXPECT_OUTCOME_CRASHED && !at_end (c))
        {
          guint ecol;
          g_autofree char *exc = read_word (c, &ecol, NULL);
          if (!is_identifier (exc))
            {
              dir_error (c, ecol, (guint) g_utf8_strlen (exc, -1),
                         "`%s` is not an exception type name", exc);
              return FALSE;
            }
          e->exception = g_steal_pointer (&exc);
        }
      expect_end (c, "the outcome");
    }
  else if (strcmp (kind, "end-at") == 0)
    {
      e->kind = AWL_EXPECT_END_AT;
      if (!read_time_tolerance (c, "the end time", e))
        return FALSE;
      expect_end (c, "the end time");
    }
  else if (strcmp (kind, "output-at") == 0)
    {
      char *text;

      e->kind = AWL_EXPECT_OUTPUT_AT;
      text = read_quoted (c, "the output text");
      if (text == NULL)
        return FALSE;
      e->strings = g_new0 (char *, 2);
      e->strings[0] = text;
      if (!read_time_tolerance (c, "the time of the line", e))
        return FALSE;
      expect_end (c, "the time");
    }
  else if (strcmp (kind, "output") == 0 || strcmp (kind, "no-output") == 0)
    {
      char *text;

      e->kind = kind[0] == 'o' ? AWL_EXPECT_OUTPUT : AWL_EXPECT_NO_OUTPUT;
      text = read_quoted (c, "the output text");
      if (text == NULL)
        return FALSE;
      e->strings = g_new0 (char *, 2);
      e->strings[0] = text;
      expect_end (c, "the output text");
    }
  else if (strcmp (kind, "output-order") == 0)
    {
      GPtrArray *strings = g_ptr_array_new ();

      e->kind = AWL_EXPECT_OUTPUT_ORDER;
      while (!at_end (c))
        {
          char *text = read_quoted (c, "each output text");
          if (text == NULL)
            break;
          g_ptr_array_add (strings, text);
        }
      if (!c->failed && strings->len < 2)
        dir_error (c, kind_col, strlen (kind), "`output-order` needs at least two texts: output-order \"A\" \"B\"");
      g_ptr_array_add (strings, NULL);
      e->strings = (char **) g_ptr_array_free (strings, FALSE);
      if (c->failed)
        return FALSE;
    }
  else if (strcmp (kind, "peak-pool-threads") == 0)
    {
      gsize oplen = 0;
      guint col;
      g_autofree char *number = NULL;
      gint64 n;

      e->kind = AWL_EXPECT_PEAK_POOL_THREADS;
      skip_space (c);
      col = c->col;
      if (c->pos >= c->len || !parse_compare (c->s + c->pos, &e->compare, &oplen))
        {
          dir_error (c, col, 1, "`peak-pool-threads` needs a comparison: <, <=, =, >= or > and a number");
          return FALSE;
        }
      for (gsize i = 0; i < oplen; i++)
        cur_advance (c);
      number = read_word (c, &col, NULL);
      if (number == NULL || !awl_directive_parse_int64 (number, &n) || n < 0)
        {
          dir_error (c, number ? col : c->col, number ? (guint) g_utf8_strlen (number, -1) : 1,
                     "`peak-pool-threads` needs a whole number after the comparison");
          return FALSE;
        }
      e->number = n;
      expect_end (c, "the number");
    }
  else if (strcmp (kind, "lint") == 0 || strcmp (kind, "no-lint") == 0)
    {
      guint col;
      g_autofree char *name = read_word (c, &col, NULL);

      e->kind = kind[0] == 'l' ? AWL_EXPECT_LINT : AWL_EXPECT_NO_LINT;
      if (name == NULL)
        {
          dir_error (c, c->col, 1, "`%s` needs a lint name", kind);
          return FALSE;
        }
      e->lint = g_steal_pointer (&name);
      expect_end (c, "the lint name");
    }
  else
    {
      dir_error (c, kind_col, (guint) g_utf8_strlen (kind, -1),
                 "unknown expectation `%s`; use outcome, end-at, output, no-output, output-order, output-at, peak-pool-threads, lint or no-lint",
                 kind);
      return FALSE;
    }

  return !c->failed;
}

/* Reads `K=V[,K=V…]` into @conds (AwlExpectCondition); FALSE after an error. */
static gboolean
parse_conditions (Cursor     *c,
                  GArray     *conds,
                  const char *usage)
{
  guint col;
  g_autofree char *spec = read_word (c, &col, NULL);
  char **pairs;
  guint pcol = col;

  if (spec == NULL || strchr (spec, '=') == NULL)
    {
      dir_error (c, spec ? col : c->col, 1, "%s", usage);
      return FALSE;
    }
  pairs = g_strsplit (spec, ",", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      AwlExpectCondition cond = { 0 };
      char *eq = strchr (pairs[i], '=');

      if (eq == NULL || eq == pairs[i] || eq[1] == '\0')
        {
          dir_error (c, pcol, (guint) g_utf8_strlen (pairs[i], -1) + (pairs[i][0] == '\0'),
                     "`%s` is not a condition; write `Knob=VALUE`", pairs[i]);
          break;
        }
      cond.key = g_strndup (pairs[i], eq - pairs[i]);
      cond.value = g_strdup (eq + 1);
      cond.loc.line = c->line;
      cond.loc.col = pcol;
      g_array_append_val (conds, cond);
      pcol += g_utf8_strlen (pairs[i], -1) + 1;
    }
  g_strfreev (pairs);
  return !c->failed;
}

static void
parse_expect (AwlDirectives *dirs,
              Cursor        *c,
              AwlLoc         at,
              gboolean       when)
{
  AwlExpect *e = g_new0 (AwlExpect, 1);
  GArray *conds = g_array_new (FALSE, TRUE, sizeof (AwlExpectCondition));
  gsize text_start;

  e->loc = at;

  if (when && !parse_conditions (c, conds, "`@expect-when` needs a condition first: `@expect-when Knob=VALUE EXPECTATION`"))
    goto fail;

  skip_space (c);
  text_start = c->pos;
  if (!parse_expectation (c, e))
    goto fail;

  {
    gsize end = c->len;
    while (end > text_start && (c->s[end - 1] == ' ' || c->s[end - 1] == '\t'))
      end--;
    e->text = g_strndup (c->s + text_start, end - text_start);
  }
  e->n_when = conds->len;
  e->when = (AwlExpectCondition *) (gpointer) g_array_free (conds, FALSE);
  if (e->n_when == 0)
    g_clear_pointer (&e->when, g_free);
  g_ptr_array_add (dirs->expects, e);
  return;

fail:
  for (guint i = 0; i < conds->len; i++)
    {
      g_free (g_array_index (conds, AwlExpectCondition, i).key);
      g_free (g_array_index (conds, AwlExpectCondition, i).value);
    }
  g_array_unref (conds);
  expect_free (e);
}

static void
parse_note (AwlDirectives *dirs,
            Cursor        *c,
            AwlLoc         at)
{
  guint col;
  g_autofree char *target = read_word (c, &col, ":");
  g_autofree char *text = NULL;
  gint64 line = 0;
  AwlNote *note;

  if (target == NULL || target[0] != 'L' || !awl_directive_parse_int64 (target + 1, &line) || line < 1 || line > G_MAXINT)
    {
      dir_error (c, target ? col : c->col, target ? (guint) g_utf8_strlen (target, -1) : 1,
                 "`@note` needs a line first: `@note L12: TEXT`");
      return;
    }
  skip_space (c);
  if (c->pos >= c->len || c->s[c->pos] != ':')
    {
      dir_error (c, c->col, 1, "expected `:` after `%s`: `@note %s: TEXT`", target, target);
      return;
    }
  cur_advance (c);
  text = read_rest (c, &col);
  if (*text == '\0')
    {
      dir_error (c, col, 1, "`@note %s:` needs a text", target);
      return;
    }

  note = g_new0 (AwlNote, 1);
  note->loc = at;
  note->target_line = (guint) line;
  note->text = g_steal_pointer (&text);
  g_ptr_array_add (dirs->notes, note);
}

static AwlQuiz *
current_quiz (AwlDirectives *dirs,
              Cursor        *c,
              AwlLoc         at,
              const char    *name)
{
  if (dirs->quizzes->len == 0)
    {
      dir_error (c, at.col, strlen (name) + 1, "`@%s` must follow a `@quiz` line", name);
      return NULL;
    }
  return g_ptr_array_index (dirs->quizzes, dirs->quizzes->len - 1);
}

static void
add_choice (AwlQuiz    *q,
            const char *text)
{
  q->choices = g_renew (char *, q->choices, q->n_choices + 2);
  q->choices[q->n_choices++] = g_strdup (text);
  q->choices[q->n_choices] = NULL;
}

/* `@answer-when K=V[,K=V] CHOICE`: which choice is right when the knobs differ. */
static void
parse_answer_when (AwlDirectives *dirs,
                   Cursor        *c,
                   AwlLoc         at)
{
  AwlQuiz *q = current_quiz (dirs, c, at, "answer-when");
  GArray *conds;
  AwlQuizAnswerWhen aw = { 0 };
  guint col;

  if (q == NULL)
    return;
  conds = g_array_new (FALSE, TRUE, sizeof (AwlExpectCondition));
  if (parse_conditions (c, conds, "`@answer-when` needs a condition first: `@answer-when Knob=VALUE CHOICE`"))
    {
      aw.choice = read_rest (c, &col);
      if (*aw.choice == '\0')
        dir_error (c, col, 1, "`@answer-when` needs the right choice after the condition");
    }
  if (c->failed)
    {
      for (guint i = 0; i < conds->len; i++)
        {
          g_free (g_array_index (conds, AwlExpectCondition, i).key);
          g_free (g_array_index (conds, AwlExpectCondition, i).value);
        }
      g_array_unref (conds);
      g_free (aw.choice);
      return;
    }
  aw.loc = at;
  aw.n_when = conds->len;
  aw.when = (AwlExpectCondition *) (gpointer) g_array_free (conds, FALSE);
  q->answers_when = g_renew (AwlQuizAnswerWhen, q->answers_when, q->n_answers_when + 1);
  q->answers_when[q->n_answers_when++] = aw;
}

static void
parse_quiz_line (AwlDirectives *dirs,
                 Cursor        *c,
                 AwlLoc         at,
                 const char    *name)
{
  guint col;
  g_autofree char *text = read_rest (c, &col);
  AwlQuiz *q;

  if (strcmp (name, "quiz") == 0)
    {
      if (*text == '\0')
        {
          dir_error (c, col, 1, "`@quiz` needs a question");
          return;
        }
      q = g_new0 (AwlQuiz, 1);
      q->loc = at;
      q->question = g_steal_pointer (&text);
      q->answer = G_MAXUINT;
      q->choices = g_new0 (char *, 1);
      g_ptr_array_add (dirs->quizzes, q);
      return;
    }

  q = current_quiz (dirs, c, at, name);
  if (q == NULL)
    return;
  if (*text == '\0')
    {
      dir_error (c, col, 1, "`@%s` needs a text", name);
      return;
    }

  if (strcmp (name, "choice") == 0)
    add_choice (q, text);
  else if (strcmp (name, "answer") == 0)
    {
      if (q->answer != G_MAXUINT)
        {
          dir_error (c, at.col, 7, "this quiz already has an `@answer`; a quiz has exactly one right answer");
          return;
        }
      q->answer = q->n_choices;
      add_choice (q, text);
    }
  else
    {
      char *why = q->why != NULL ? g_strdup_printf ("%s %s", q->why, text) : g_strdup (text);
      g_free (q->why);
      q->why = why;
    }
}

/* The closest directive name within edit distance 2, for "did you mean". */
static const char *
suggest (const char *name)
{
  const char *best = NULL;
  guint best_d = 3;

  for (guint i = 0; directive_names[i] != NULL; i++)
    {
      const char *cand = directive_names[i];
      gsize n = strlen (name), m = strlen (cand);
      guint *row;
      guint d;

      if (n > 40)
        return NULL;
      row = g_new (guint, m + 1);
      for (gsize j = 0; j <= m; j++)
        row[j] = j;
      for (gsize a = 1; a <= n; a++)
        {
          guint prev = row[0];
          row[0] = a;
          for (gsize b = 1; b <= m; b++)
            {
              guint tmp = row[b];
              guint cost = name[a - 1] == cand[b - 1] ? 0 : 1;
              row[b] = MIN (MIN (row[b] + 1, row[b - 1] + 1), prev + cost);
              prev = tmp;
            }
        }
      d = row[m];
      g_free (row);
      if (d < best_d)
        {
          best_d = d;
          best = cand;
        }
    }

  return best;
}

void
awl_directives_parse_line (AwlDirectives          *dirs,
                           AwlDiagnostics         *diags,
                           const AwlDirectiveLine *line)
{
  Cursor c = { diags, line->text, line->length, 0, line->line, line->col, FALSE };
  AwlLoc at = { line->line, line->col };
  g_autofree char *name = NULL;
  gsize start;
  guint col;
  guint64 n;

  dirs->last_line = MAX (dirs->last_line, line->line);

  cur_advance (&c); /* @ */
  start = c.pos;
  while (c.pos < c.len && (g_ascii_isalnum (c.s[c.pos]) || c.s[c.pos] == '-' || c.s[c.pos] == '_'))
    cur_advance (&c);
  name = g_strndup (c.s + start, c.pos - start);

  if (*name == '\0')
    {
      dir_error (&c, at.col, 1, "expected a directive name after `@`");
      return;
    }
  if (c.pos < c.len && c.s[c.pos] != ' ' && c.s[c.pos] != '\t')
    {
      dir_error (&c, c.col, 1, "expected a space after `@%s`", name);
      return;
    }

  if (strcmp (name, "title") == 0)
    {
      g_autofree char *text = read_rest (&c, &col);

      if (*text == '\0')
        dir_error (&c, at.col, 6, "`@title` needs a text");
      else if (g_utf8_strlen (text, -1) > AWL_MAX_TITLE_CHARS)
        {
          dir_error (&c, at.col, 6, "`@title` is longer than %d characters; put the details in `@explain`",
                     AWL_MAX_TITLE_CHARS);
          /* Keep a short title all the same, so nothing shows a line of 300 KB. */
          if (dirs->title == NULL)
            {
              *g_utf8_offset_to_pointer (text, AWL_MAX_TITLE_CHARS) = '\0';
              dirs->title = g_strconcat (text, "…", NULL);
              dirs->title_loc = at;
            }
        }
      else if (dirs->title != NULL)
        dir_error (&c, at.col, 6, "`@title` is given twice (first on line %u)", dirs->title_loc.line);
      else
        {
          dirs->title = g_steal_pointer (&text);
          dirs->title_loc = at;
        }
    }
  else if (strcmp (name, "questions") == 0)
    {
      GArray *qs = g_array_new (FALSE, FALSE, sizeof (guint));

      if (dirs->questions != NULL)
        dir_error (&c, at.col, 10, "`@questions` is given twice");
      while (!at_end (&c) && !c.failed)
        {
          g_autofree char *word = read_word (&c, &col, ",");
          gint64 q;

          if (word == NULL)
            {
              /* a comma */
              cur_advance (&c);
              continue;
            }
          if (!awl_directive_parse_int64 (word, &q) || q < 1 || q > 50)
            dir_error (&c, col, (guint) g_utf8_strlen (word, -1),
                       "`@questions` takes question numbers from 1 to 50, not `%s`", word);
          else
            {
              guint v = q;
              g_array_append_val (qs, v);
            }
        }
      if (qs->len == 0 && !c.failed)
        dir_error (&c, at.col, 10, "`@questions` needs at least one question number");
      if (dirs->questions == NULL)
        {
          dirs->n_questions = qs->len;
          dirs->questions = (guint *) (gpointer) g_array_free (qs, FALSE);
        }
      else
        g_array_unref (qs);
    }
  else if (strcmp (name, "topic") == 0)
    {
      g_autofree char *text = read_rest (&c, &col);

      if (!g_strv_contains (topics, text))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) topics);
          dir_error (&c, col, MAX (1, (guint) g_utf8_strlen (text, -1)),
                     "unknown topic `%s`; topics are: %s", text, list);
        }
      else if (dirs->topic != NULL)
        dir_error (&c, at.col, 6, "`@topic` is given twice");
      else
        dirs->topic = g_steal_pointer (&text);
    }
  else if (strcmp (name, "environment") == 0)
    {
      g_autofree char *word = read_word (&c, &col, NULL);

      if (word == NULL || !awl_scenario_env_from_string (word, &dirs->environment))
        dir_error (&c, word ? col : c.col, word ? (guint) g_utf8_strlen (word, -1) : 1,
                   "unknown environment `%s`; use console, ui, aspnet-classic or aspnetcore",
                   word ? word : "");
      else
        dirs->has_environment = TRUE;
      expect_end (&c, "the environment");
    }
  else if (strcmp (name, "entry") == 0)
    {
      g_autofree char *word = read_word (&c, &col, NULL);

      if (!is_identifier (word))
        dir_error (&c, word ? col : c.col, 1, "`@entry` needs a method name");
      else
        {
          g_free (dirs->entry);
          dirs->entry = g_steal_pointer (&word);
        }
      expect_end (&c, "the method name");
    }
  else if (strcmp (name, "cores") == 0)
    {
      if (read_uint (&c, name, 1, 256, &n))
        dirs->cores = n;
      expect_end (&c, "the number");
    }
  else if (strcmp (name, "min-threads") == 0)
    {
      if (read_uint (&c, name, 1, 32767, &n))
        dirs->min_threads = n;
      expect_end (&c, "the number");
    }
  else if (strcmp (name, "max-threads") == 0)
    {
      if (read_uint (&c, name, 1, 32767, &n))
        dirs->max_threads = n;
      expect_end (&c, "the number");
    }
  else if (strcmp (name, "seed") == 0)
    {
      if (read_uint (&c, name, 0, G_MAXINT64, &n))
        dirs->seed = n;
      expect_end (&c, "the number");
      /* Said plainly rather than accepted in silence: a user changing the seed
       * expects a different run. */
      if (!c.failed)
        awl_diagnostics_add (c.diags, AWL_SEVERITY_WARNING, c.line, at.col, 5,
                             "`@seed` changes nothing: no part of the simulation draws random "
                             "numbers, every run of a file is already the same");
    }
  else if (strcmp (name, "runtime") == 0)
    {
      g_autofree char *word = read_word (&c, &col, NULL);

      if (word == NULL || !awl_scenario_runtime_from_string (word, &dirs->runtime))
        dir_error (&c, word ? col : c.col, word ? (guint) g_utf8_strlen (word, -1) : 1,
                   "unknown runtime `%s`; use net8 or netfx", word ? word : "");
      expect_end (&c, "the runtime");
    }
  else if (strcmp (name, "timer-resolution") == 0)
    {
      gint64 t;

      if (read_time (&c, "the timer resolution", &t))
        {
          if (t <= 0)
            dir_error (&c, line->col, 17, "the timer resolution must be more than zero");
          else
            dirs->timer_resolution_ns = t;
        }
      expect_end (&c, "the time");
    }
  else if (strcmp (name, "load") == 0)
    {
      g_autofree char *rps = read_word (&c, &col, NULL);
      g_autofree char *for_word = NULL;
      double r;
      guint fcol;

      if (rps != NULL && awl_directive_parse_double (rps, &r) && (r <= 0 || r > 1e6))
        {
          dir_error (&c, col, (guint) g_utf8_strlen (rps, -1),
                     "`@load` request rate must be more than 0 and at most 1000000 requests per second (got %s)",
                     rps);
          return;
        }
      if (rps == NULL || !awl_directive_parse_double (rps, &r))
        {
          dir_error (&c, rps ? col : c.col, rps ? (guint) g_utf8_strlen (rps, -1) : 1,
                     "`@load` needs a request rate first: `@load 100 for 2s` (requests per second)");
          return;
        }
      for_word = read_word (&c, &fcol, NULL);
      if (g_strcmp0 (for_word, "for") != 0)
        {
          dir_error (&c, for_word ? fcol : c.col, 1, "expected `for` and a duration: `@load %s for 2s`", rps);
          return;
        }
      if (read_time (&c, "the load's duration", &dirs->load_duration_ns))
        {
          dirs->has_load = TRUE;
          dirs->load_rps = r;
        }
      expect_end (&c, "the duration");
    }
  else if (strcmp (name, "knob") == 0)
    parse_knob (dirs, &c, at);
  else if (strcmp (name, "expect") == 0)
    parse_expect (dirs, &c, at, FALSE);
  else if (strcmp (name, "expect-when") == 0)
    parse_expect (dirs, &c, at, TRUE);
  else if (strcmp (name, "note") == 0)
    parse_note (dirs, &c, at);
  else if (strcmp (name, "answer-when") == 0)
    parse_answer_when (dirs, &c, at);
  else if (strcmp (name, "quiz-title") == 0)
    {
      g_autofree char *text = read_rest (&c, &col);

      if (*text == '\0')
        dir_error (&c, at.col, 11, "`@quiz-title` needs a text");
      else
        {
          g_free (dirs->quiz_title);
          dirs->quiz_title = g_steal_pointer (&text);
        }
    }
  else if (strcmp (name, "quiz") == 0 || strcmp (name, "choice") == 0 ||
           strcmp (name, "answer") == 0 || strcmp (name, "why") == 0)
    parse_quiz_line (dirs, &c, at, name);
  else if (strcmp (name, "explain") == 0)
    {
      g_autofree char *text = read_rest (&c, &col);
      char *joined = dirs->explain != NULL ? g_strdup_printf ("%s\n%s", dirs->explain, text)
                                           : g_strdup (text);
      g_free (dirs->explain);
      dirs->explain = joined;
      if (dirs->explain_line == 0)
        dirs->explain_line = at.line;
    }
  else
    {
      const char *s = suggest (name);

      if (s != NULL)
        dir_error (&c, at.col, (guint) g_utf8_strlen (name, -1) + 1,
                   "unknown directive `@%s`; did you mean `@%s`?", name, s);
      else
        dir_error (&c, at.col, (guint) g_utf8_strlen (name, -1) + 1, "unknown directive `@%s`", name);
    }
}

void
awl_directives_parse_explain (AwlDirectives          *dirs,
                              AwlDiagnostics         *diags,
                              const AwlDirectiveLine *block)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *body = NULL;
  GString *out;
  guint indent = G_MAXUINT;
  guint first, last;

  if (dirs->explain != NULL)
    {
      awl_diagnostics_add_literal (diags, AWL_SEVERITY_ERROR, block->line, block->col, 8,
                                   "a scenario has one `@explain` block; this is a second one");
      return;
    }

  /* Skip "@explain" itself. */
  body = g_strndup (block->text + 8, block->length - 8);
  lines = g_strsplit (body, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *l = lines[i];
      gsize len = strlen (l);
      guint n = 0;

      if (len > 0 && l[len - 1] == '\r')
        l[--len] = '\0';
      /* Lines written as " * text" lose the star (Javadoc style). */
      while (l[n] == ' ' || l[n] == '\t')
        n++;
      if (l[n] == '*' && (l[n + 1] == ' ' || l[n + 1] == '\0'))
        memset (l, ' ', n + (l[n + 1] == ' ' ? 2 : 1));
    }

  for (guint i = 1; lines[i] != NULL; i++)
    {
      guint n = 0;

      while (lines[i][n] == ' ' || lines[i][n] == '\t')
        n++;
      if (lines[i][n] != '\0')
        indent = MIN (indent, n);
    }
  if (indent == G_MAXUINT)
    indent = 0;

  first = 0;
  last = g_strv_length (lines);
  g_strstrip (lines[0]);
  while (first < last && lines[first][strspn (lines[first], " \t")] == '\0')
    first++;
  while (last > first && lines[last - 1][strspn (lines[last - 1], " \t")] == '\0')
    last--;

  out = g_string_new (NULL);
  for (guint i = first; i < last; i++)
    {
      const char *l = lines[i];

      if (i > 0 && strlen (l) >= indent)
        l += indent;
      else if (i > 0)
        l += strspn (l, " \t");
      if (out->len > 0 || i > first)
        g_string_append_c (out, '\n');
      g_string_append (out, l);
    }

  dirs->explain = g_string_free (out, FALSE);
  dirs->explain_line = block->line;
  if (dirs->explain[0] == '\0')
    awl_diagnostics_add_literal (diags, AWL_SEVERITY_ERROR, block->line, block->col, 8,
                                 "the `@explain` block is empty");
}

/* Finds the knob a `K=V` condition names and checks its value. */
static void
resolve_condition (AwlDirectives      *dirs,
                   AwlExpectCondition *cond,
                   AwlDiagnostics     *diags)
{
  AwlKnob *knob = awl_directives_find_knob (dirs, cond->key);
  g_autoptr(GError) error = NULL;
  AwlScenarioEnv env;
  AwlScenarioRuntime rt;
  gint64 v;

  if (knob != NULL)
    {
      cond->knob = knob;
      if (!awl_knob_value_parse (knob->default_value.type, cond->value,
                                 &cond->knob_value, &error))
        awl_diagnostics_add (diags, AWL_SEVERITY_ERROR, cond->loc.line, cond->loc.col,
                             (guint) strlen (cond->key), "the knob `%s` is a %s: %s",
                             cond->key, awl_knob_type_to_string (knob->default_value.type),
                             error->message);
    }
  else if (strcmp (cond->key, "cores") == 0 || strcmp (cond->key, "min-threads") == 0)
    {
      if (!awl_directive_parse_int64 (cond->value, &v) || v < 1 || v > 32767)
        awl_diagnostics_add (diags, AWL_SEVERITY_ERROR, cond->loc.line, cond->loc.col,
                             (guint) strlen (cond->key), "`%s` needs a whole number, not `%s`",
                             cond->key, cond->value);
    }
  else if (strcmp (cond->key, "environment") == 0)
    {
      if (!awl_scenario_env_from_string (cond->value, &env))
        awl_diagnostics_add (diags, AWL_SEVERITY_ERROR, cond->loc.line, cond->loc.col,
                             (guint) strlen (cond->key),
                             "unknown environment `%s`; use console, ui, aspnet-classic or aspnetcore",
                             cond->value);
    }
  else if (strcmp (cond->key, "runtime") == 0)
    {
      if (!awl_scenario_runtime_from_string (cond->value, &rt))
        awl_diagnostics_add (diags, AWL_SEVERITY_ERROR, cond->loc.line, cond->loc.col,
                             (guint) strlen (cond->key), "unknown runtime `%s`; use net8 or netfx",
                             cond->value);
    }
  else if (strcmp (cond->key, "timer-resolution") == 0)
    {
      gint64 ns;

      if (!awl_parse_time (cond->value, &ns) || ns <= 0)
        awl_diagnostics_add (diags, AWL_SEVERITY_ERROR, cond->loc.line, cond->loc.col,
                             (guint) strlen (cond->key), "`%s` needs a time such as 4ms, not `%s`",
                             cond->key, cond->value);
    }
  else
    awl_diagnostics_add (diags, AWL_SEVERITY_ERROR, cond->loc.line, cond->loc.col,
                         (guint) strlen (cond->key),
                         "`%s` is not a knob (declare it with `@knob`) nor one of cores, min-threads, "
                         "environment, runtime, timer-resolution",
                         cond->key);
}

void
awl_directives_finish (AwlDirectives  *dirs,
                       AwlDiagnostics *diags)
{
  if (dirs->title == NULL)
    awl_diagnostics_add_literal (diags, AWL_SEVERITY_ERROR, 1, 1, 1,
                                 "the scenario has no `// @title …` line (it is required)");

  for (guint i = 0; i < dirs->quizzes->len; i++)
    {
      AwlQuiz *q = g_ptr_array_index (dirs->quizzes, i);

      if (q->answer == G_MAXUINT)
        {
          awl_diagnostics_add_literal (diags, AWL_SEVERITY_ERROR, q->loc.line, q->loc.col, 5,
                                       "this quiz has no `@answer` line (the right choice)");
          q->answer = 0;
        }
      if (q->n_choices < 2)
        awl_diagnostics_add_literal (diags, AWL_SEVERITY_ERROR, q->loc.line, q->loc.col, 5,
                                     "a quiz needs at least two choices (`@choice` and `@answer` lines)");
      if (q->why == NULL)
        q->why = g_strdup ("");
      if (q->answer >= q->n_choices)
        q->answer = 0;
      for (guint j = 0; j < q->n_answers_when; j++)
        {
          AwlQuizAnswerWhen *aw = &q->answers_when[j];

          aw->answer = q->answer;
          for (guint k = 0; k < aw->n_when; k++)
            resolve_condition (dirs, &aw->when[k], diags);
          for (guint k = 0; k < q->n_choices; k++)
            if (g_strcmp0 (q->choices[k], aw->choice) == 0)
              {
                aw->answer = k;
                break;
              }
          if (g_strcmp0 (q->choices[aw->answer], aw->choice) != 0)
            awl_diagnostics_add (diags, AWL_SEVERITY_ERROR, aw->loc.line, aw->loc.col, 12,
                                 "`%s` is not one of this quiz's choices", aw->choice);
        }
    }

  for (guint i = 0; i < dirs->expects->len; i++)
    {
      AwlExpect *e = g_ptr_array_index (dirs->expects, i);

      for (guint j = 0; j < e->n_when; j++)
        resolve_condition (dirs, &e->when[j], diags);
    }
}

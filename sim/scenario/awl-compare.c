/* awl-compare.c */

#include <string.h>

#include "awl-compare.h"

static void
row_free (gpointer data)
{
  AwlCompareRow *row = data;

  g_free (row->what);
  g_free (row->a);
  g_free (row->b);
  g_free (row);
}

void
awl_comparison_free (AwlComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_ptr_array_unref (comparison->rows);
  g_free (comparison);
}

static void
add_row (AwlComparison *c,
         const char    *what,
         char          *a,
         char          *b)
{
  AwlCompareRow *row = g_new0 (AwlCompareRow, 1);

  row->what = g_strdup (what);
  row->a = a;
  row->b = b;
  row->differs = g_strcmp0 (a, b) != 0;
  if (row->differs)
    c->n_differences++;
  g_ptr_array_add (c->rows, row);
}

static char *
describe_outcome (AwlTrace *trace)
{
  const AwlOutcome *o = awl_trace_get_outcome (trace);

  if (o->kind == AWL_OUTCOME_CRASHED && o->exception_type != NULL)
    return g_strdup_printf ("crashed (%s)", o->exception_type);
  return g_strdup (awl_outcome_kind_to_string (o->kind));
}

static char *
format_ms (AwlTime t)
{
  return g_strdup_printf ("%.1f ms", AWL_TO_MS (t));
}

static const char *
how_to_string (AwlContinuationHow how)
{
  switch (how)
    {
    case AWL_CONT_INLINE: return "inline";
    case AWL_CONT_POSTED: return "posted to the context";
    case AWL_CONT_QUEUED_LOCAL: return "local queue";
    case AWL_CONT_QUEUED_GLOBAL: return "global queue";
    default: return "?";
    }
}

/* A continuation that never ran has no resumed method: find it from the frame
 * the completing thread scheduled (its push and its last await before that). */
static void
flow_method (AwlTrace      *trace,
             const AwlFlow *flow,
             const char   **method,
             int           *state)
{
  const AwlEvent *events;
  guint n_events;
  gint64 frame;

  *method = flow->method;
  *state = flow->await_state;
  if (flow->method != NULL)
    return;

  events = awl_trace_get_events (trace, &n_events);
  if (flow->schedule_event >= n_events || events[flow->schedule_event].kind != AWL_EVENT_CONTINUATION)
    return;
  frame = events[flow->schedule_event].a;
  if (frame == 0)
    return;

  for (guint i = flow->schedule_event; i-- > 0; )
    {
      if (events[i].kind == AWL_EVENT_AWAIT && events[i].a == frame && *state < 0)
        *state = events[i].c;
      else if (events[i].kind == AWL_EVENT_FRAME_PUSH && events[i].a == frame)
        {
          *method = events[i].text;
          return;
        }
    }
}

/* For each await point (method + state): where its resumptions ran, in words,
 * duplicates folded ("Pool-1 (global queue) ×3"). */
static GHashTable *
continuation_places (AwlTrace  *trace,
                     GPtrArray *order)
{
  GHashTable *places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)g_ptr_array_unref);
  const AwlFlow *flows;
  guint n_flows;

  flows = awl_trace_get_flows (trace, &n_flows);
  for (guint i = 0; i < n_flows; i++)
    {
      g_autofree char *key = NULL;
      g_autofree char *place = NULL;
      GPtrArray *list;
      const char *method;
      int state;

      flow_method (trace, &flows[i], &method, &state);
      /* Runtime-internal continuations (WhenAll bookkeeping, …) have no method. */
      if (method == NULL)
        continue;
      key = g_strdup_printf ("%s after await %d", method, state);
      list = g_hash_table_lookup (places, key);

      if (flows[i].resumed == AWL_TIME_NONE || flows[i].to_thread == 0)
        place = g_strdup ("never resumed");
      else
        {
          const AwlThreadInfo *t = awl_trace_get_thread (trace, flows[i].to_thread);
          place = g_strdup_printf ("%s (%s)", t && t->name ? t->name : "?", how_to_string (flows[i].how));
        }

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (places, g_strdup (key), list);
          if (!g_ptr_array_find_with_equal_func (order, key, g_str_equal, NULL))
            g_ptr_array_add (order, g_strdup (key));
        }
      g_ptr_array_add (list, g_steal_pointer (&place));
    }

  return places;
}

static char *
join_places (GPtrArray *list)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (list == NULL || list->len == 0)
    return g_strdup ("not reached");

  for (guint i = 0; i < list->len; )
    {
      const char *p = g_ptr_array_index (list, i);
      guint same = 1;

      while (i + same < list->len && g_str_equal (g_ptr_array_index (list, i + same), p))
        same++;
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append (s, p);
      if (same > 1)
        g_string_append_printf (s, " x%u", same);
      i += same;
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

AwlComparison *
awl_compare_traces (AwlTrace *a,
                    AwlTrace *b)
{
  AwlComparison *c;
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) places_a = NULL;
  g_autoptr(GHashTable) places_b = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  c = g_new0 (AwlComparison, 1);
  c->rows = g_ptr_array_new_with_free_func (row_free);
  c->outcome_a = awl_trace_get_outcome (a)->kind;
  c->outcome_b = awl_trace_get_outcome (b)->kind;
  c->end_a = awl_trace_get_end_time (a);
  c->end_b = awl_trace_get_end_time (b);
  c->peak_pool_a = awl_trace_get_stats (a)->peak_pool_threads;
  c->peak_pool_b = awl_trace_get_stats (b)->peak_pool_threads;

  add_row (c, "outcome", describe_outcome (a), describe_outcome (b));
  add_row (c, "end time", format_ms (c->end_a), format_ms (c->end_b));
  add_row (c, "peak pool threads", g_strdup_printf ("%u", c->peak_pool_a),
           g_strdup_printf ("%u", c->peak_pool_b));
  add_row (c, "threads", g_strdup_printf ("%u", awl_trace_get_stats (a)->threads),
           g_strdup_printf ("%u", awl_trace_get_stats (b)->threads));

  places_a = continuation_places (a, order);
  places_b = continuation_places (b, order);
  for (guint i = 0; i < order->len; i++)
    {
      const char *key = g_ptr_array_index (order, i);

      add_row (c, key, join_places (g_hash_table_lookup (places_a, key)),
               join_places (g_hash_table_lookup (places_b, key)));
    }

  return c;
}

AwlComparison *
awl_compare_run (AwlScenario         *scenario,
                 const AwlKnobValues *a,
                 const AwlKnobValues *b,
                 GCancellable        *cancellable,
                 AwlTrace           **out_a,
                 AwlTrace           **out_b,
                 GError             **error)
{
  g_autoptr(AwlTrace) trace_a = NULL;
  g_autoptr(AwlTrace) trace_b = NULL;
  AwlComparison *c;

  g_return_val_if_fail (scenario != NULL, NULL);

  if (!(trace_a = awl_scenario_run (scenario, a, cancellable, error)))
    return NULL;
  if (!(trace_b = awl_scenario_run (scenario, b, cancellable, error)))
    return NULL;

  c = awl_compare_traces (trace_a, trace_b);
  if (out_a != NULL)
    *out_a = g_steal_pointer (&trace_a);
  if (out_b != NULL)
    *out_b = g_steal_pointer (&trace_b);
  return c;
}

char *
awl_knob_values_describe (const AwlKnobValues *values)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char **names;

  if (values == NULL || !(names = awl_knob_values_get_names (values)) || names[0] == NULL)
    return g_strdup ("defaults");

  for (guint i = 0; names[i]; i++)
    g_string_append_printf (s, "%s%s=%s", i ? ", " : "", names[i], awl_knob_values_get (values, names[i]));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

char *
awl_comparison_format (const AwlComparison *comparison,
                       const char          *label_a,
                       const char          *label_b)
{
  g_autoptr(GString) s = g_string_new (NULL);
  guint width = 0;

  g_return_val_if_fail (comparison != NULL, NULL);

  g_string_append_printf (s, "A: %s\nB: %s\n", label_a ? label_a : "A", label_b ? label_b : "B");
  for (guint i = 0; i < comparison->rows->len; i++)
    width = MAX (width, g_utf8_strlen (((AwlCompareRow *)g_ptr_array_index (comparison->rows, i))->what, -1));

  for (guint i = 0; i < comparison->rows->len; i++)
    {
      const AwlCompareRow *row = g_ptr_array_index (comparison->rows, i);
      guint pad = width - g_utf8_strlen (row->what, -1);

      g_string_append_printf (s, "%s %s:%*s  A %s | B %s\n", row->differs ? "*" : " ",
                              row->what, (int)pad, "", row->a, row->b);
    }

  if (comparison->n_differences == 0)
    g_string_append (s, "no differences\n");
  else
    g_string_append_printf (s, "%u difference%s\n", comparison->n_differences,
                            comparison->n_differences == 1 ? "" : "s");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

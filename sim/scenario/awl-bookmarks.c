/* awl-bookmarks.c
 *
 * The steps of a run that matter to a lesson, computed from the scenario's directives
 * and the trace alone, so the window, the command line and the exports agree.
 */

#include <string.h>

#include "awl-bookmarks.h"

/* Labels go on slide titles and in a menu: long notes are cut at a word. */
#define LABEL_MAX_CHARS 72

const char *
awl_bookmark_kind_to_string (AwlBookmarkKind kind)
{
  switch (kind)
    {
    case AWL_BOOKMARK_QUIZ:     return "quiz";
    case AWL_BOOKMARK_NOTE:     return "note";
    case AWL_BOOKMARK_DEADLOCK: return "deadlock";
    case AWL_BOOKMARK_END:      return "end";
    default:                    return "unknown";
    }
}

static void
bookmark_clear (gpointer data)
{
  AwlBookmark *mark = data;

  g_clear_pointer (&mark->label, g_free);
}

/* @prefix + the first line of @text, shortened at a word boundary with an ellipsis. */
static char *
make_label (const char *prefix,
            const char *text)
{
  g_autofree char *flat = g_strdup (text ? text : "");
  GString *label = g_string_new (prefix);
  char *newline = strchr (flat, '\n');
  glong n_chars;

  if (newline != NULL)
    *newline = '\0';
  g_strstrip (flat);

  n_chars = g_utf8_strlen (flat, -1);
  if (n_chars + (glong) g_utf8_strlen (prefix, -1) <= LABEL_MAX_CHARS)
    {
      g_string_append (label, flat);
    }
  else
    {
      glong keep = MAX (8, LABEL_MAX_CHARS - (glong) g_utf8_strlen (prefix, -1) - 1);
      char *end = g_utf8_offset_to_pointer (flat, keep);
      char *space;

      *end = '\0';
      space = strrchr (flat, ' ');
      if (space != NULL && space - flat > keep / 2)
        *space = '\0';
      g_string_append (label, flat);
      g_string_append (label, "…");
    }

  return g_string_free (label, FALSE);
}

static void
append_mark (GArray          *marks,
             guint            event_index,
             const AwlEvent  *events,
             AwlBookmarkKind  kind,
             int              line,
             guint            source_index,
             char            *label)
{
  AwlBookmark mark = {
    .event_index = event_index,
    .time = events[event_index].time,
    .kind = kind,
    .line = line,
    .source_index = source_index,
    .label = label,
  };

  g_array_append_val (marks, mark);
}

/* The first event that runs on @line, or G_MAXUINT. */
static guint
first_event_on_line (const AwlEvent *events,
                     guint           n_events,
                     int             line)
{
  for (guint i = 0; i < n_events; i++)
    if (events[i].line == line)
      return i;

  return G_MAXUINT;
}

static gboolean
contains_id (const guint *ids,
             guint        n_ids,
             guint        id)
{
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] == id)
      return TRUE;

  return FALSE;
}

/* Whether @ev hands work to a context a deadlocked thread holds: a continuation
 * posted to the captured SynchronizationContext (the UI thread's queue, a classic
 * ASP.NET request context) or queued to a deadlocked worker's local queue. That is
 * how the cycle usually closes, after the blocked thread's last own event. */
static gboolean
queues_to_deadlock (const AwlEvent   *ev,
                    const AwlOutcome *outcome)
{
  if (ev->kind == AWL_EVENT_CONTINUATION)
    return ev->sub == AWL_CONT_POSTED;
  if (ev->kind != AWL_EVENT_QUEUE)
    return FALSE;
  /* Queued by a thread (a posted continuation), not the runtime's own first message. */
  if (ev->sub == AWL_QUEUE_UI || ev->sub == AWL_QUEUE_REQUEST)
    return ev->thread != 0;
  return ev->sub == AWL_QUEUE_LOCAL && ev->a > 0 && ev->a <= G_MAXUINT &&
         contains_id (outcome->deadlock_threads, outcome->n_deadlock_threads, (guint) ev->a);
}

/* A deadlock is detected only when nothing can move, which may be long after the
 * cycle closed; the lesson wants the moment it closed: the last event (before the
 * end) in which one of the deadlock's threads or tasks took part, or which queued
 * work to one of its threads. */
static guint
find_deadlock_event (const AwlOutcome *outcome,
                     const AwlEvent   *events,
                     guint             n_events)
{
  for (guint i = n_events - 1; i-- > 0;)
    {
      const AwlEvent *ev = &events[i];

      if ((ev->thread != 0 && contains_id (outcome->deadlock_threads, outcome->n_deadlock_threads, ev->thread))
          || (ev->task != 0 && contains_id (outcome->deadlock_tasks, outcome->n_deadlock_tasks, ev->task))
          || queues_to_deadlock (ev, outcome))
        return i;
    }

  return n_events - 1;
}

/* The line where the first deadlocked thread blocked, for a moment that is not on a
 * line of its own (a continuation posted by a pool thread), or 0. */
static int
find_blocked_line (const AwlOutcome *outcome,
                   const AwlEvent   *events,
                   guint             n_events)
{
  if (outcome->n_deadlock_threads == 0)
    return 0;

  for (guint i = n_events; i-- > 0;)
    if (events[i].kind == AWL_EVENT_THREAD_STATE && events[i].sub == AWL_THREAD_STATE_BLOCKED &&
        events[i].thread == outcome->deadlock_threads[0])
      return events[i].line;

  return 0;
}

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const AwlBookmark *ma = a;
  const AwlBookmark *mb = b;

  if (ma->event_index != mb->event_index)
    return ma->event_index < mb->event_index ? -1 : 1;
  if (ma->kind != mb->kind)
    return ma->kind < mb->kind ? -1 : 1;
  if (ma->line != mb->line)
    return ma->line < mb->line ? -1 : 1;
  return ma->source_index < mb->source_index ? -1 : ma->source_index > mb->source_index;
}

static void
collect_notes (GArray         *marks,
               AwlScenario    *scenario,
               const AwlEvent *events,
               guint           n_events)
{
  const AwlScenarioNote *notes;
  guint n_notes;

  notes = awl_scenario_get_notes (scenario, &n_notes);
  for (guint i = 0; i < n_notes; i++)
    {
      guint index = notes[i].line > 0 ? first_event_on_line (events, n_events, notes[i].line) : G_MAXUINT;
      g_autofree char *prefix = NULL;

      if (index == G_MAXUINT)
        continue;
      prefix = g_strdup_printf ("L%d: ", notes[i].line);
      append_mark (marks, index, events, AWL_BOOKMARK_NOTE, notes[i].line, i, make_label (prefix, notes[i].text));
    }
}

static void
collect_outcome (GArray         *marks,
                 AwlTrace       *trace,
                 const AwlEvent *events,
                 guint           n_events)
{
  const AwlOutcome *outcome = awl_trace_get_outcome (trace);
  guint last = n_events - 1;

  if (outcome->kind == AWL_OUTCOME_DEADLOCK)
    {
      guint index = find_deadlock_event (outcome, events, n_events);

      const char *summary = outcome->summary ? outcome->summary : "";

      /* The summary starts with the outcome's name, which the prefix already says. */
      if (g_str_has_prefix (summary, "deadlock: "))
        summary += strlen ("deadlock: ");
      append_mark (marks, index, events, AWL_BOOKMARK_DEADLOCK,
                   events[index].line ? events[index].line : find_blocked_line (outcome, events, n_events), 0,
                   make_label ("Deadlock: ", summary));
    }

  append_mark (marks, last, events, AWL_BOOKMARK_END, 0, 0,
               make_label ("End: ", outcome->summary && *outcome->summary
                                    ? outcome->summary
                                    : awl_outcome_kind_to_string (outcome->kind)));
}

GArray *
awl_bookmarks_collect (AwlScenario *scenario,
                       AwlTrace    *trace)
{
  GArray *marks = g_array_new (FALSE, TRUE, sizeof (AwlBookmark));
  const AwlScenarioQuiz *quizzes;
  const AwlEvent *events;
  guint n_events, n_quizzes;

  g_array_set_clear_func (marks, bookmark_clear);
  g_return_val_if_fail (scenario != NULL, marks);
  g_return_val_if_fail (trace != NULL, marks);

  events = awl_trace_get_events (trace, &n_events);
  if (n_events == 0)
    return marks;

  quizzes = awl_scenario_get_quizzes (scenario, &n_quizzes);
  for (guint i = 0; i < n_quizzes; i++)
    append_mark (marks, 0, events, AWL_BOOKMARK_QUIZ, 0, i, make_label ("Quiz: ", quizzes[i].question));

  collect_notes (marks, scenario, events, n_events);
  collect_outcome (marks, trace, events, n_events);
  g_array_sort (marks, compare_marks);

  return marks;
}

int
awl_bookmarks_find_next (GArray *bookmarks,
                         guint   event_index)
{
  g_return_val_if_fail (bookmarks != NULL, -1);

  for (guint i = 0; i < bookmarks->len; i++)
    if (g_array_index (bookmarks, AwlBookmark, i).event_index > event_index)
      return i;

  return -1;
}

int
awl_bookmarks_find_previous (GArray *bookmarks,
                             guint   event_index)
{
  g_return_val_if_fail (bookmarks != NULL, -1);

  for (guint i = bookmarks->len; i-- > 0;)
    if (g_array_index (bookmarks, AwlBookmark, i).event_index < event_index)
      return i;

  return -1;
}

/* awaitlab-export-lanes.c
 *
 * A slide shows the threads a range is about: lanes on which nothing happens
 * in the exported range (idle the whole time, or not born yet) are left out,
 * and a note under the timeline names them so nothing is hidden silently.
 */

#include <glib/gi18n.h>

#include "awaitlab-export-private.h"

static gboolean
lane_used (AwaitlabTimeline *timeline,
           guint             lane,
           gint64            from,
           gint64            to)
{
  const AwaitlabSpan *spans;
  guint n;

  spans = awaitlab_timeline_get_spans (timeline, lane, &n);
  for (guint i = 0; i < n; i++)
    {
      if (spans[i].state == AWAITLAB_SPAN_IDLE || spans[i].state == AWAITLAB_SPAN_EXITED)
        continue;
      if (spans[i].begin <= to && spans[i].end >= from)
        return TRUE;
    }
  return FALSE;
}

/* Which lanes to draw for [@from, @to] (virtual times): a gboolean per lane.
 * When nothing at all happens in the range every lane is kept. */
GArray *
awaitlab_export_lanes_used (AwaitlabTimeline *timeline,
                            gint64            from,
                            gint64            to)
{
  guint n_lanes = awaitlab_timeline_get_n_lanes (timeline), used = 0;
  const AwaitlabMark *marks;
  GArray *shown;
  guint n_marks;

  shown = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), n_lanes);
  g_array_set_size (shown, n_lanes);
  for (guint lane = 0; lane < n_lanes; lane++)
    g_array_index (shown, gboolean, lane) = lane_used (timeline, lane, from, to);

  /* A mark (a deadlock, a lint) in the range is something to see, too. */
  marks = awaitlab_timeline_get_marks (timeline, &n_marks);
  for (guint i = 0; i < n_marks; i++)
    if (marks[i].lane < n_lanes && marks[i].time >= from && marks[i].time <= to &&
        marks[i].kind != AWAITLAB_MARK_INJECTION)
      g_array_index (shown, gboolean, marks[i].lane) = TRUE;

  for (guint lane = 0; lane < n_lanes; lane++)
    used += g_array_index (shown, gboolean, lane);
  if (used == 0)
    for (guint lane = 0; lane < n_lanes; lane++)
      g_array_index (shown, gboolean, lane) = TRUE;
  return shown;
}

/* "Not shown (nothing happens on them in this range): Pool-3, Pool-4", or
 * NULL when every lane is drawn. */
char *
awaitlab_export_lanes_note (AwaitlabTimeline *timeline,
                            GArray           *shown)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint hidden = 0;

  for (guint lane = 0; lane < shown->len; lane++)
    {
      if (g_array_index (shown, gboolean, lane))
        continue;
      if (hidden++ > 0)
        g_string_append (names, ", ");
      g_string_append (names, awaitlab_timeline_get_lane_name (timeline, lane));
    }
  if (hidden == 0)
    return NULL;
  return g_strdup_printf (g_dngettext (NULL, "Not shown, nothing happens on it in this range: %s",
                                       "Not shown, nothing happens on them in this range: %s", hidden),
                          names->str);
}

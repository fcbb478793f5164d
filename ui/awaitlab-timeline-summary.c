/* awaitlab-timeline-summary.c */

#include <math.h>
#include <string.h>

#include "awaitlab-timeline-summary.h"

typedef struct
{
  guint8 cov[8];              /* share of the bucket per state, 0–255 */
} Bucket;

struct _AwaitlabSummary
{
  int     shift;              /* level 0 buckets are 1 << shift units wide */
  guint   n_levels;
  guint   offsets[48];        /* first bucket of each level in @buckets */
  guint   counts[48];
  Bucket *buckets;
};

G_STATIC_ASSERT (AWAITLAB_N_SPAN_STATES <= 8);

static void
fill_level0 (AwaitlabSummary        *self,
             const AwaitlabSpan     *spans,
             const AwaitlabAxisSpan *pos,
             guint                   n_spans,
             int                     row)
{
  guint n0 = self->counts[0];
  gint64 w = (gint64)1 << self->shift;
  g_autofree float *acc = g_new0 (float, (gsize)n0 * AWAITLAB_N_SPAN_STATES);
  g_autofree guint8 *touched = g_new0 (guint8, n0);

  for (guint i = 0; i < n_spans; i++)
    {
      gint64 a = MAX (pos[i].begin, 0), b = pos[i].end;
      int state = spans[i].state;

      if (row >= 0 && spans[i].row != row)
        continue;
      /* A span of no width still happened: credit it a sliver. */
      if (b <= a)
        b = a + 1;

      for (gint64 k = a >> self->shift; k <= (b - 1) >> self->shift && k < n0; k++)
        {
          gint64 lo = MAX (a, k * w), hi = MIN (b, (k + 1) * w);
          acc[k * AWAITLAB_N_SPAN_STATES + state] += (float)(hi - lo) / (float)w;
          touched[k] = TRUE;
        }
    }

  /* A row of the timers lane is mostly empty: its buckets stay zero. */
  for (guint k = 0; k < n0; k++)
    for (guint s = 0; touched[k] && s < AWAITLAB_N_SPAN_STATES; s++)
      {
        float v = acc[k * AWAITLAB_N_SPAN_STATES + s];
        /* Anything present keeps at least 1/255: a burst must not vanish. */
        self->buckets[k].cov[s] = v <= 0 ? 0 : (guint8)CLAMP (v * 255 + 0.5f, 1, 255);
      }
}

AwaitlabSummary *
awaitlab_summary_new (const AwaitlabSpan     *spans,
                      const AwaitlabAxisSpan *pos,
                      guint                   n_spans,
                      int                     row,
                      gint64                  length)
{
  AwaitlabSummary *self;
  guint total = 0, n = 0;
  gint64 target;

  /* A row of the timers lane is summarised whenever its lane is, however
   * few items it holds, with the lane's bucket width: no row goes missing
   * when zoomed out, and all rows switch to summaries at the same zoom. */
  if (n_spans < AWAITLAB_SUMMARY_MIN_SPANS || length <= 0)
    return NULL;
  n = n_spans;

  self = g_new0 (AwaitlabSummary, 1);

  /* About one span per level-0 bucket: finer than that, drawing the spans
   * themselves costs no more than reading buckets. */
  target = MAX (1, length / MAX (1, n));
  while (((gint64)1 << self->shift) < target && self->shift < 62)
    self->shift++;

  for (guint count = (guint)((length + ((gint64)1 << self->shift) - 1) >> self->shift);
       self->n_levels < G_N_ELEMENTS (self->counts);
       count = (count + 1) / 2)
    {
      self->offsets[self->n_levels] = total;
      self->counts[self->n_levels] = count;
      total += count;
      self->n_levels++;
      if (count <= 1)
        break;
    }

  self->buckets = g_new0 (Bucket, total);
  fill_level0 (self, spans, pos, n_spans, row);

  for (guint l = 1; l < self->n_levels; l++)
    {
      const Bucket *below = self->buckets + self->offsets[l - 1];
      Bucket *here = self->buckets + self->offsets[l];

      for (guint k = 0; k < self->counts[l]; k++)
        {
          guint64 a, b = 0, avg;

          /* The rounded-up mean of two buckets, eight bytes at once:
           * (a + b + 1) / 2 is (a | b) - ((a ^ b) >> 1) byte by byte. */
          memcpy (&a, below[2 * k].cov, sizeof a);
          if (2 * k + 1 < self->counts[l - 1])
            memcpy (&b, below[2 * k + 1].cov, sizeof b);
          avg = (a | b) - (((a ^ b) >> 1) & G_GUINT64_CONSTANT (0x7f7f7f7f7f7f7f7f));
          memcpy (here[k].cov, &avg, sizeof avg);
        }
    }

  return self;
}

void
awaitlab_summary_free (AwaitlabSummary *self)
{
  if (self == NULL)
    return;
  g_free (self->buckets);
  g_free (self);
}

gint64
awaitlab_summary_get_bucket_width (const AwaitlabSummary *self)
{
  return (gint64)1 << self->shift;
}

static guint
level_for (const AwaitlabSummary *self,
           gint64                 range)
{
  guint level = 0;

  while (level + 1 < self->n_levels && ((gint64)1 << (self->shift + level + 1)) <= range)
    level++;
  return level;
}

static inline void
add_bucket (const Bucket *bucket,
            gint64        overlap,
            double        acc[AWAITLAB_N_SPAN_STATES])
{
  double part = (double)overlap / 255.0;
  guint64 any;

  /* Most buckets of a sparse track are empty: one test skips them. */
  memcpy (&any, bucket->cov, sizeof any);
  if (any == 0)
    return;
  for (guint s = 0; s < AWAITLAB_N_SPAN_STATES; s++)
    acc[s] += bucket->cov[s] * part;
}

/* What each of @width pixel columns holds, the first at @begin, each
 * @units_per_px wide, into @cov (@width rows of AWAITLAB_N_SPAN_STATES sums of
 * bucket shares, 255 = a whole bucket). The level is the coarsest whose
 * buckets are no wider than a column, so every column holds the middle of one
 * to three of them; each bucket is credited whole to the column holding its
 * middle. One pass over the buckets in view, additions only: the cost is the
 * number of columns, whatever the trace. */
void
awaitlab_summary_columns (const AwaitlabSummary *self,
                          gint64                 begin,
                          double                 units_per_px,
                          int                    width,
                          guint16               *cov)
{
  guint level = level_for (self, (gint64)units_per_px);
  int shift = self->shift + level;
  const Bucket *buckets = self->buckets + self->offsets[level];
  gint64 half = ((gint64)1 << shift) / 2;
  gint64 first = MAX (begin, 0) >> shift;
  gint64 last = MIN ((gint64)self->counts[level] - 1,
                     (begin + (gint64)(width * units_per_px)) >> shift);
  double px_per_unit = 1.0 / units_per_px;

  memset (cov, 0, sizeof (guint16) * AWAITLAB_N_SPAN_STATES * (gsize)MAX (width, 0));
  for (gint64 k = first; k <= last; k++)
    {
      const Bucket *b = &buckets[k];
      gint64 mid = (k << shift) + half;
      int c = (int)floor ((double)(mid - begin) * px_per_unit);
      guint16 *acc;
      guint64 any;

      memcpy (&any, b->cov, sizeof any);
      if (any == 0 || c < 0 || c >= width)
        continue;
      acc = cov + (gsize)c * AWAITLAB_N_SPAN_STATES;
      for (guint s = 0; s < AWAITLAB_N_SPAN_STATES; s++)
        acc[s] += b->cov[s];
    }
}

/* Adds to @acc how much of [@x0, @x1) each state covers, in axis units, read
 * from the coarsest level whose buckets are no wider than the range. */
void
awaitlab_summary_coverage (const AwaitlabSummary *self,
                           gint64                 x0,
                           gint64                 x1,
                           double                 acc[AWAITLAB_N_SPAN_STATES])
{
  guint level;
  int shift;
  const Bucket *buckets;

  if (x1 <= x0)
    return;
  x0 = MAX (x0, 0);
  level = level_for (self, x1 - x0);
  shift = self->shift + level;
  buckets = self->buckets + self->offsets[level];

  for (gint64 k = x0 >> shift; k <= (x1 - 1) >> shift && k < self->counts[level]; k++)
    add_bucket (&buckets[k], MIN (x1, (k + 1) << shift) - MAX (x0, k << shift), acc);
}

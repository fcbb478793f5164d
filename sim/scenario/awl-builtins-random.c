/* awl-builtins-random.c
 *
 * System.Random. `new Random(seed)` is .NET's seeded generator (the subtractive one
 * .NET keeps for seeded instances, so the same seed gives the same numbers as on
 * .NET 10 and Mono); `new Random()` is seeded from the run's
 * @seed, so a run repeats exactly (real .NET seeds them randomly: their numbers are
 * not compared with .NET). `Random.Shared` is not modelled yet.
 */

#include "awl-builtins-private.h"

#define MBIG  G_MAXINT32
#define MSEED 161803398

typedef struct
{
  AwlForeign parent;
  gint32     seeds[56];
  int        inext;
  int        inextp;
} AwlRandom;

static const AwlForeignClass random_class = { "Random", NULL, NULL };

static void
random_seed (AwlRandom *r,
             gint32     seed)
{
  gint32 subtraction = seed == G_MININT32 ? G_MAXINT32 : ABS (seed);
  gint32 mj = MSEED - subtraction, mk = 1;
  int ii = 0;

  r->seeds[55] = mj;
  for (int i = 1; i < 55; i++)
    {
      if ((ii += 21) >= 55)
        ii -= 55;
      r->seeds[ii] = mk;
      mk = mj - mk;
      if (mk < 0)
        mk += MBIG;
      mj = r->seeds[ii];
    }
  for (int k = 1; k < 5; k++)
    for (int i = 1; i < 56; i++)
      {
        int n = i + 30;
        if (n >= 55)
          n -= 55;
        r->seeds[i] -= r->seeds[1 + n];
        if (r->seeds[i] < 0)
          r->seeds[i] += MBIG;
      }
  r->inext = 0;
  r->inextp = 21;
}

static gint32
internal_sample (AwlRandom *r)
{
  int next = r->inext + 1 >= 56 ? 1 : r->inext + 1;
  int nextp = r->inextp + 1 >= 56 ? 1 : r->inextp + 1;
  gint32 v = r->seeds[next] - r->seeds[nextp];

  if (v == MBIG)
    v--;
  if (v < 0)
    v += MBIG;
  r->seeds[next] = v;
  r->inext = next;
  r->inextp = nextp;
  return v;
}

static double
sample (AwlRandom *r)
{
  return internal_sample (r) * (1.0 / MBIG);
}

/* The sample .NET uses when max - min does not fit in an int. */
static double
large_range_sample (AwlRandom *r)
{
  int result = internal_sample (r);
  double d;

  if (internal_sample (r) % 2 == 0)
    result = -result;
  d = result;
  d += G_MAXINT32 - 1;
  d /= 2.0 * G_MAXINT32 - 1;
  return d;
}

static AwlValue
random_new (AwlBiCall *call,
            gint32     seed)
{
  AwlRandom *r = awl_sim_foreign_new (call->sim, &random_class, sizeof (AwlRandom));

  random_seed (r, seed);
  return awl_value_object (r);
}

/* An unseeded generator: the next number of the run's seeded generator. */
static gint32
run_seed (AwlBiCall *call)
{
  return (gint32) (g_rand_int (awl_sim_get_rand (call->sim)) & G_MAXINT32);
}

AWL_BI (random_ctor)
{
  return bi_value (call, random_new (call, call->n_args > 0 ? (gint32) bi_arg_int (call->args[0], 0)
                                                            : run_seed (call)));
}

AWL_BI (random_next)
{
  AwlRandom *r = awl_value_get_foreign (call->target, &random_class);
  gint64 lo = 0, hi;

  if (call->n_args == 0)
    return bi_value (call, awl_value_int (internal_sample (r)));
  hi = bi_arg_int (call->args[call->n_args - 1], 0);
  if (call->n_args == 2)
    lo = bi_arg_int (call->args[0], 0);
  if (hi < lo || (call->n_args == 1 && hi < 0))
    return bi_throw (call, "ArgumentOutOfRangeException",
                     call->n_args == 1 ? "'maxValue' must be a non-negative value."
                                       : "'minValue' cannot be greater than maxValue.");
  if (hi - lo <= G_MAXINT32)
    return bi_value (call, awl_value_int ((gint64) (sample (r) * (hi - lo)) + lo));
  return bi_value (call, awl_value_int ((gint64) (large_range_sample (r) * (hi - lo)) + lo));
}

AWL_BI (random_next_double)
{
  return bi_value (call, awl_value_double (sample (awl_value_get_foreign (call->target, &random_class))));
}

static const AwlKnownApi rows[] = {
  { "Random", ".ctor", AWL_CT, 0, 1, NULL, 0, random_ctor, 0, "var r = new Random(42);" },
  { "Random", "Next", AWL_IM, 0, 2, NULL, 0, random_next, 0, "int n = new Random(1).Next(1, 7);" },
  { "Random", "NextDouble", AWL_IM, 0, 0, NULL, 0, random_next_double, 0, "double d = new Random(1).NextDouble();" },
};

const AwlApiFamily awl_api_family_random = { "Random", rows, G_N_ELEMENTS (rows) };

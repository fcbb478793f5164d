/* awaitlab-palette.c
 *
 * The numbers behind awaitlab-palette.h. The lane colours were chosen by a greedy
 * farthest-point search over the sRGB cube (relative luminance 0.06 … 0.45, so a
 * chip shows on both styles' backgrounds), maximising the smallest CIEDE2000
 * difference between any two colours as seen with normal vision, protanopia,
 * deuteranopia and tritanopia (Machado 2009 simulation), then ordered from a magenta
 * that shows on both backgrounds so that each next colour is the farthest from
 * those before it: the first lanes differ most.
 */

#include <math.h>

#include "awaitlab-palette.h"

static const AwaitlabColor lane_colors[AWAITLAB_PALETTE_N_LANE_COLORS] = {
  { 0.750, 0.150, 0.450 },
  { 0.550, 0.750, 0.000 },
  { 0.500, 0.400, 1.000 },
  { 0.700, 0.700, 0.650 },
  { 0.500, 0.400, 0.000 },
  { 0.150, 0.300, 0.250 },
  { 0.000, 0.750, 0.800 },
  { 0.050, 0.000, 0.950 },
  { 0.450, 0.200, 0.050 },
  { 0.300, 0.600, 0.600 },
  { 0.750, 0.650, 0.450 },
  { 0.550, 0.600, 1.000 },
  { 0.450, 0.600, 0.050 },
  { 0.450, 0.050, 0.650 },
  { 0.600, 0.500, 0.350 },
  { 0.200, 0.450, 0.500 },
  { 0.400, 0.400, 0.300 },
  { 0.700, 0.300, 0.700 },
  { 0.950, 0.450, 0.700 },
  { 0.550, 0.550, 0.500 },
};

/* Okabe & Ito: distinguishable with every common colour vision deficiency. */
static const AwaitlabColor state_colors[AWAITLAB_N_SPAN_STATES] = {
  [AWAITLAB_SPAN_IDLE]    = { 0.60, 0.60, 0.60 },
  [AWAITLAB_SPAN_RUNNING] = { 0.000, 0.447, 0.698 },  /* blue */
  [AWAITLAB_SPAN_READY]   = { 0.902, 0.624, 0.000 },  /* orange */
  [AWAITLAB_SPAN_BLOCKED] = { 0.835, 0.369, 0.000 },  /* vermillion */
  [AWAITLAB_SPAN_EXITED]  = { 0.40, 0.40, 0.40 },
  [AWAITLAB_SPAN_TIMER]   = { 0.337, 0.706, 0.914 },  /* sky blue */
  [AWAITLAB_SPAN_IO]      = { 0.000, 0.620, 0.451 },  /* bluish green */
};

static const AwaitlabColor white = { 1, 1, 1 };
static const AwaitlabColor black = { 0, 0, 0 };

typedef struct
{
  double L, a, b;
} Lab;

static double linear (double c);

static Lab
to_lab (const AwaitlabColor *c)
{
  double r = linear (c->red), g = linear (c->green), b = linear (c->blue);
  double xyz[3] = {
    (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047,
    0.2126729 * r + 0.7151522 * g + 0.0721750 * b,
    (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883,
  };
  double f[3];
  Lab lab;

  for (int i = 0; i < 3; i++)
    f[i] = xyz[i] > 216.0 / 24389.0 ? cbrt (xyz[i]) : (24389.0 / 27.0 * xyz[i] + 16) / 116;
  lab.L = 116 * f[1] - 16;
  lab.a = 500 * (f[0] - f[1]);
  lab.b = 200 * (f[1] - f[2]);
  return lab;
}

static double
lab_distance (Lab x,
              Lab y)
{
  return sqrt ((x.L - y.L) * (x.L - y.L) + (x.a - y.a) * (x.a - y.a) + (x.b - y.b) * (x.b - y.b));
}

/* Lanes beyond the table: colours of a 7×7×7 grid (the same luminance band), each
 * the farthest (CIELAB) from every lane colour before it, computed once. Exports
 * render in worker threads, hence the lock. */
#define N_EXTRA_LANE_COLORS 236

static AwaitlabColor extra_colors[N_EXTRA_LANE_COLORS];
static guint n_extra_colors;
static gsize extra_ready;

static void
compute_extra_colors (void)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (AwaitlabColor));
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (Lab));
  g_autofree double *nearest = NULL;

  for (guint r = 0; r < 7; r++)
    for (guint g = 0; g < 7; g++)
      for (guint b = 0; b < 7; b++)
        {
          AwaitlabColor c = { r / 6.0, g / 6.0, b / 6.0 };
          double y = 0.2126 * linear (c.red) + 0.7152 * linear (c.green) + 0.0722 * linear (c.blue);

          if (y >= 0.06 && y <= 0.45)
            g_array_append_val (candidates, c);
        }

  for (guint i = 0; i < AWAITLAB_PALETTE_N_LANE_COLORS; i++)
    {
      Lab lab = to_lab (&lane_colors[i]);

      g_array_append_val (taken, lab);
    }

  nearest = g_new (double, candidates->len);
  for (guint c = 0; c < candidates->len; c++)
    {
      nearest[c] = G_MAXDOUBLE;
      for (guint t = 0; t < taken->len; t++)
        nearest[c] = MIN (nearest[c], lab_distance (to_lab (&g_array_index (candidates, AwaitlabColor, c)),
                                                    g_array_index (taken, Lab, t)));
    }

  n_extra_colors = MIN (N_EXTRA_LANE_COLORS, candidates->len);
  for (guint i = 0; i < n_extra_colors; i++)
    {
      guint best = 0;
      Lab lab;

      for (guint c = 1; c < candidates->len; c++)
        if (nearest[c] > nearest[best])
          best = c;
      extra_colors[i] = g_array_index (candidates, AwaitlabColor, best);
      lab = to_lab (&extra_colors[i]);
      for (guint c = 0; c < candidates->len; c++)
        nearest[c] = MIN (nearest[c], lab_distance (to_lab (&g_array_index (candidates, AwaitlabColor, c)), lab));
    }
}

void
awaitlab_thread_color (guint          index,
                       AwaitlabColor *color)
{
  g_return_if_fail (color != NULL);

  if (index < AWAITLAB_PALETTE_N_LANE_COLORS)
    {
      *color = lane_colors[index];
      return;
    }

  if (g_once_init_enter (&extra_ready))
    {
      compute_extra_colors ();
      g_once_init_leave (&extra_ready, 1);
    }
  /* Past a hundred-odd lanes colours repeat; no scenario comes near. */
  *color = extra_colors[(index - AWAITLAB_PALETTE_N_LANE_COLORS) % n_extra_colors];
}

void
awaitlab_state_color (AwaitlabSpanState  state,
                      AwaitlabColor     *color)
{
  g_return_if_fail (color != NULL);

  *color = state_colors[MIN (state, AWAITLAB_N_SPAN_STATES - 1)];
}

gboolean
awaitlab_palette_pattern_ink (AwaitlabSpanState  state,
                              AwaitlabColor     *color,
                              double            *alpha)
{
  /* All inks are white: a dark hatch on vermillion would leave no text colour that
   * reads on both the bar and its lines. */
  switch (state)
    {
    case AWAITLAB_SPAN_READY:   *alpha = 0.55; break;
    case AWAITLAB_SPAN_BLOCKED: *alpha = 0.45; break;
    case AWAITLAB_SPAN_TIMER:   *alpha = 0.60; break;
    case AWAITLAB_SPAN_IO:      *alpha = 0.45; break;
    case AWAITLAB_SPAN_IDLE:
    case AWAITLAB_SPAN_RUNNING:
    case AWAITLAB_SPAN_EXITED:
    case AWAITLAB_N_SPAN_STATES:
    default:
      return FALSE;
    }
  *color = white;
  return TRUE;
}

void
awaitlab_palette_background (gboolean       dark,
                             AwaitlabColor *color)
{
  static const AwaitlabColor light_bg = { 0.98, 0.98, 0.98 };
  static const AwaitlabColor dark_bg = { 0.118, 0.118, 0.118 };

  *color = dark ? dark_bg : light_bg;
}

double
awaitlab_palette_text_alpha (AwaitlabTextRole role)
{
  /* 0.6 is the least that keeps 4.5:1 on the light background's lane shading. */
  static const double alphas[AWAITLAB_N_TEXT_ROLES] = {
    [AWAITLAB_TEXT_PRIMARY] = 0.85,
    [AWAITLAB_TEXT_SECONDARY] = 0.72,
    [AWAITLAB_TEXT_DIM] = 0.62,
  };

  return alphas[MIN (role, AWAITLAB_N_TEXT_ROLES - 1)];
}

void
awaitlab_palette_veil (gboolean       dark,
                       AwaitlabColor *color,
                       double        *alpha)
{
  awaitlab_palette_background (dark, color);
  *alpha = 0.72;
}

void
awaitlab_palette_playhead (AwaitlabColor *color)
{
  /* GNOME's accent blue one step darker: white text on it keeps 4.5:1. */
  static const AwaitlabColor playhead = { 0.110, 0.443, 0.847 };

  *color = playhead;
}

void
awaitlab_palette_deadlock (AwaitlabColor *color)
{
  static const AwaitlabColor red = { 0.878, 0.106, 0.141 };

  *color = red;
}

void
awaitlab_palette_deadlock_text (gboolean       dark,
                                AwaitlabColor *color)
{
  static const AwaitlabColor light_red = { 1.0, 0.470, 0.470 };

  if (dark)
    *color = light_red;
  else
    awaitlab_palette_deadlock (color);
}

void
awaitlab_palette_span_label (AwaitlabSpanState  state,
                             gboolean           veiled,
                             gboolean           dark,
                             AwaitlabColor     *color)
{
  AwaitlabColor bar;

  if (state == AWAITLAB_SPAN_IDLE || state == AWAITLAB_SPAN_EXITED)
    awaitlab_palette_background (dark, &bar);  /* drawn as a thin rule */
  else
    awaitlab_state_color (state, &bar);

  if (veiled)
    {
      AwaitlabColor veil;
      double alpha;

      awaitlab_palette_veil (dark, &veil, &alpha);
      awaitlab_color_blend (&veil, alpha, &bar, &bar);
    }

  awaitlab_color_text_on (&bar, color);
}

void
awaitlab_color_blend (const AwaitlabColor *fg,
                      double               alpha,
                      const AwaitlabColor *bg,
                      AwaitlabColor       *out)
{
  AwaitlabColor r = {
    fg->red * alpha + bg->red * (1 - alpha),
    fg->green * alpha + bg->green * (1 - alpha),
    fg->blue * alpha + bg->blue * (1 - alpha),
  };

  *out = r;
}

static double
linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const AwaitlabColor *c)
{
  return 0.2126 * linear (c->red) + 0.7152 * linear (c->green) + 0.0722 * linear (c->blue);
}

double
awaitlab_color_contrast (const AwaitlabColor *a,
                         const AwaitlabColor *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

void
awaitlab_color_text_on (const AwaitlabColor *bg,
                        AwaitlabColor       *out)
{
  *out = awaitlab_color_contrast (&black, bg) >= awaitlab_color_contrast (&white, bg) ? black : white;
}

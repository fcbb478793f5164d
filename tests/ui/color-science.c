/* color-science.c: see color-science.h. */

#include <math.h>

#include "color-science.h"

static const double cvd_matrices[CVD_N_KINDS][3][3] = {
  [CVD_NONE] = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
  [CVD_PROTANOPIA] = { {  0.152286,  1.052583, -0.204868 },
                       {  0.114503,  0.786281,  0.099216 },
                       { -0.003882, -0.048116,  1.051998 } },
  [CVD_DEUTERANOPIA] = { {  0.367322,  0.860646, -0.227968 },
                         {  0.280085,  0.672501,  0.047413 },
                         { -0.011820,  0.042940,  0.968881 } },
  [CVD_TRITANOPIA] = { {  1.255528, -0.076749, -0.178779 },
                       { -0.078411,  0.930809,  0.147602 },
                       {  0.004733,  0.691367,  0.303900 } },
};

const char *
cvd_kind_name (CvdKind kind)
{
  static const char *names[] = { "normal vision", "protanopia", "deuteranopia", "tritanopia" };

  return kind < CVD_N_KINDS ? names[kind] : "?";
}

static double
to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
lab_f (double t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16) / 116;
}

Lab
srgb_to_lab_as_seen (const double rgb[3],
                     CvdKind      kind)
{
  double lin[3], sim[3], X, Y, Z;
  Lab lab;

  for (int i = 0; i < 3; i++)
    lin[i] = to_linear (CLAMP (rgb[i], 0, 1));
  for (int i = 0; i < 3; i++)
    {
      const double *m = cvd_matrices[kind][i];

      sim[i] = CLAMP (m[0] * lin[0] + m[1] * lin[1] + m[2] * lin[2], 0, 1);
    }

  X = 0.4124564 * sim[0] + 0.3575761 * sim[1] + 0.1804375 * sim[2];
  Y = 0.2126729 * sim[0] + 0.7151522 * sim[1] + 0.0721750 * sim[2];
  Z = 0.0193339 * sim[0] + 0.1191920 * sim[1] + 0.9503041 * sim[2];

  lab.L = 116 * lab_f (Y) - 16;
  lab.a = 500 * (lab_f (X / 0.95047) - lab_f (Y));
  lab.b = 200 * (lab_f (Y) - lab_f (Z / 1.08883));
  return lab;
}

static double
deg (double rad)
{
  double d = rad * 180 / G_PI;

  return d < 0 ? d + 360 : d;
}

static double
rad (double d)
{
  return d * G_PI / 180;
}

double
ciede2000 (Lab x,
           Lab y)
{
  double C1 = hypot (x.a, x.b), C2 = hypot (y.a, y.b);
  double Cbar = (C1 + C2) / 2;
  double G = 0.5 * (1 - sqrt (pow (Cbar, 7) / (pow (Cbar, 7) + pow (25, 7))));
  double a1 = (1 + G) * x.a, a2 = (1 + G) * y.a;
  double C1p = hypot (a1, x.b), C2p = hypot (a2, y.b);
  double h1 = (a1 == 0 && x.b == 0) ? 0 : deg (atan2 (x.b, a1));
  double h2 = (a2 == 0 && y.b == 0) ? 0 : deg (atan2 (y.b, a2));
  double dL = y.L - x.L, dC = C2p - C1p, dh, dH, Lbar, Cbarp, hbar, T, dTheta, RC, SL, SC, SH, RT;

  if (C1p * C2p == 0)
    dh = 0;
  else if (fabs (h2 - h1) <= 180)
    dh = h2 - h1;
  else if (h2 - h1 > 180)
    dh = h2 - h1 - 360;
  else
    dh = h2 - h1 + 360;
  dH = 2 * sqrt (C1p * C2p) * sin (rad (dh / 2));

  Lbar = (x.L + y.L) / 2;
  Cbarp = (C1p + C2p) / 2;
  if (C1p * C2p == 0)
    hbar = h1 + h2;
  else if (fabs (h1 - h2) <= 180)
    hbar = (h1 + h2) / 2;
  else if (h1 + h2 < 360)
    hbar = (h1 + h2 + 360) / 2;
  else
    hbar = (h1 + h2 - 360) / 2;

  T = 1 - 0.17 * cos (rad (hbar - 30)) + 0.24 * cos (rad (2 * hbar))
      + 0.32 * cos (rad (3 * hbar + 6)) - 0.20 * cos (rad (4 * hbar - 63));
  dTheta = 30 * exp (-pow ((hbar - 275) / 25, 2));
  RC = 2 * sqrt (pow (Cbarp, 7) / (pow (Cbarp, 7) + pow (25, 7)));
  SL = 1 + 0.015 * pow (Lbar - 50, 2) / sqrt (20 + pow (Lbar - 50, 2));
  SC = 1 + 0.045 * Cbarp;
  SH = 1 + 0.015 * Cbarp * T;
  RT = -sin (rad (2 * dTheta)) * RC;

  return sqrt (pow (dL / SL, 2) + pow (dC / SC, 2) + pow (dH / SH, 2) + RT * (dC / SC) * (dH / SH));
}

double
wcag_luminance (const double rgb[3])
{
  return 0.2126 * to_linear (rgb[0]) + 0.7152 * to_linear (rgb[1]) + 0.0722 * to_linear (rgb[2]);
}

double
wcag_contrast (const double a[3],
               const double b[3])
{
  double la = wcag_luminance (a), lb = wcag_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

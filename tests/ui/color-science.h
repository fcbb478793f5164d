/* color-science.h: the colour maths the palette tests check against.
 *
 * sRGB ↔ CIELAB (D65), colour vision deficiency simulation (Machado, Oliveira &
 * Fernandes 2009, severity 1.0, applied in linear RGB), CIEDE2000 (Sharma, Wu &
 * Dalal 2005) and WCAG 2 contrast. Kept in the tests so the app's palette is judged
 * by code that does not share its assumptions.
 */

#pragma once

#include <glib.h>

typedef enum
{
  CVD_NONE,
  CVD_PROTANOPIA,
  CVD_DEUTERANOPIA,
  CVD_TRITANOPIA,
  CVD_N_KINDS
} CvdKind;

typedef struct
{
  double L, a, b;
} Lab;

const char *cvd_kind_name        (CvdKind       kind);
/* sRGB components in 0…1 → the colour as seen with @kind, in CIELAB. */
Lab         srgb_to_lab_as_seen  (const double  rgb[3],
                                  CvdKind       kind);
double      ciede2000            (Lab           x,
                                  Lab           y);
/* WCAG 2 relative luminance and contrast ratio (1…21). */
double      wcag_luminance       (const double  rgb[3]);
double      wcag_contrast        (const double  a[3],
                                  const double  b[3]);

/* awl-builtins-format.c
 *
 * Values as .NET prints them: doubles in the shortest round-trip form, standard and
 * simple custom numeric formats (F, N, P, D, "0.00") rounded half away from zero,
 * alignment, and composite formatting ("{0,5:F2}").
 */

#include <math.h>
#include <string.h>

#include "awl-builtins-private.h"

/* A double as .NET Core 3.0+ prints it: the shortest digits that round-trip, in
 * positional notation unless the decimal exponent is >= 15 or <= -5 ("1E+15",
 * "1E-05"). Works around the runtime's awl_format_double, which prints 20.0 as
 * "2E+01" (reported). */
static void
scn_format_double (double   d,
                   GString *out)
{
  char buf[64], digits[32];
  int exp10, n = 0;
  char *p;

  if (!isfinite (d) || d == 0)
    {
      awl_format_double (d, out);
      return;
    }
  for (int prec = 0; prec <= 16; prec++)
    {
      g_snprintf (buf, sizeof buf, "%.*e", prec, d);
      if (g_ascii_strtod (buf, NULL) == d)
        break;
    }
  p = buf;
  if (*p == '-')
    {
      g_string_append_c (out, '-');
      p++;
    }
  for (; *p && *p != 'e'; p++)
    if (g_ascii_isdigit (*p))
      digits[n++] = *p;
  digits[n] = '\0';
  exp10 = atoi (p + 1);
  while (n > 1 && digits[n - 1] == '0')
    digits[--n] = '\0';

  if (exp10 >= 15 || exp10 < -4)
    {
      g_string_append_c (out, digits[0]);
      if (n > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "E%c%02d", exp10 < 0 ? '-' : '+', ABS (exp10));
    }
  else if (exp10 < 0)
    {
      g_string_append (out, "0.");
      for (int i = -1; i > exp10; i--)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      for (int i = 0; i <= exp10; i++)
        g_string_append_c (out, i < n ? digits[i] : '0');
      if (n > exp10 + 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + exp10 + 1);
        }
    }
}

void
awl_scn_value_format (AwlValue  v,
                      GString  *out)
{
  if (v.kind == AWL_VALUE_DOUBLE)
    scn_format_double (v.d, out);
  else
    awl_value_format (v, out);
}

static void
append_grouped (GString    *out,
                const char *digits)
{
  const char *p = digits;
  const char *dot;
  gsize int_len;

  if (*p == '-')
    g_string_append_c (out, *p++);
  dot = strchr (p, '.');
  int_len = dot ? (gsize) (dot - p) : strlen (p);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, p[i]);
    }
  if (dot)
    g_string_append (out, dot);
}

/* "%.*f" rounded as .NET does: on the exact decimal expansion, half away from zero
 * (printf rounds half to even: 2.25 → "2.2" where .NET prints "2.3"). */
static char *
format_fixed (double d,
              int    prec)
{
  g_autofree char *exact = NULL;
  char *dot, *p;
  gsize keep;
  gboolean up;

  if (!isfinite (d))
    return g_strdup_printf ("%.*f", prec, d);
  exact = g_strdup_printf ("%.*f", prec + 25, d);
  dot = strchr (exact, '.');
  keep = (dot - exact) + (prec > 0 ? prec + 1 : 0);
  up = dot[prec + 1] >= '5';
  exact[keep] = '\0';
  if (up)
    {
      for (p = exact + keep - 1; p >= exact; p--)
        {
          if (*p == '.')
            continue;
          if (*p == '-')
            break;
          if (*p == '9')
            *p = '0';
          else
            {
              (*p)++;
              break;
            }
        }
      if (p < exact || *p == '-')
        {
          /* carried past the first digit: 9.96 → 10.0 */
          gsize at = (exact[0] == '-') ? 1 : 0;
          GString *s = g_string_new (exact);
          g_string_insert_c (s, at, '1');
          return g_string_free (s, FALSE);
        }
    }
  if (prec == 0 && exact[keep - 1] == '.')
    exact[keep - 1] = '\0';
  /* "-0.00" prints as "0.00" in .NET Core 3.0+? It prints "-0.00"; keep printf's sign. */
  return g_steal_pointer (&exact);
}

/* Standard numeric format strings F, N, D, P and simple custom "0.00". */
static gboolean
format_number (AwlValue    v,
               const char *fmt,
               GString    *out)
{
  double d = v.kind == AWL_VALUE_INT ? (double) v.i : v.d;
  char kind = g_ascii_toupper (fmt[0]);
  int prec = -1;
  char buf[512];

  if (fmt[0] && g_ascii_isdigit (fmt[1]))
    prec = atoi (fmt + 1);
  else if (fmt[0] && fmt[1] == '\0')
    prec = -1;
  else if (fmt[0] != '0' && fmt[0] != '#')
    return FALSE;

  switch (kind)
    {
    case 'F':
      {
        g_autofree char *f = format_fixed (d, prec < 0 ? 2 : MIN (prec, 30));
        g_string_append (out, f);
        return TRUE;
      }
    case 'N':
      {
        g_autofree char *f = format_fixed (d, prec < 0 ? 2 : MIN (prec, 30));
        append_grouped (out, f);
        return TRUE;
      }
    case 'P':
      {
        g_autofree char *f = format_fixed (d * 100, prec < 0 ? 2 : MIN (prec, 30));
        g_string_append (out, f);
        g_string_append (out, " %");
        return TRUE;
      }
    case 'D':
      if (v.kind != AWL_VALUE_INT)
        return FALSE;
      g_snprintf (buf, sizeof buf, "%0*" G_GINT64_FORMAT, prec < 0 ? 1 : MIN (prec, 30), v.i);
      g_string_append (out, buf);
      return TRUE;
    case '0':
    case '#':
      {
        const char *dot = strchr (fmt, '.');
        int decimals = 0;
        if (dot)
          for (const char *p = dot + 1; *p == '0' || *p == '#'; p++)
            decimals++;
        g_autofree char *f = format_fixed (d, MIN (decimals, 30));
        if (strchr (fmt, ','))
          append_grouped (out, f);
        else
          g_string_append (out, f);
        return TRUE;
      }
    default:
      return FALSE;
    }
}

void
awl_format_with (AwlValue    v,
                 const char *format,
                 int         alignment,
                 gboolean    has_alignment,
                 GString    *out)
{
  g_autoptr(GString) tmp = g_string_new (NULL);
  glong len;

  if (format != NULL && v.kind == AWL_VALUE_OBJECT && awl_datetime_format (v, format, tmp))
    ;   /* `{now:HH:mm:ss}`, `{elapsed:mm\:ss}` */
  else if (format == NULL || !(v.kind == AWL_VALUE_INT || v.kind == AWL_VALUE_DOUBLE) ||
      !format_number (v, format, tmp))
    awl_scn_value_format (v, tmp);

  if (!has_alignment || alignment == 0)
    {
      g_string_append_len (out, tmp->str, tmp->len);
      return;
    }
  len = g_utf8_strlen (tmp->str, -1);
  if (alignment > 0)
    for (glong i = len; i < alignment; i++)
      g_string_append_c (out, ' ');
  g_string_append_len (out, tmp->str, tmp->len);
  if (alignment < 0)
    for (glong i = len; i < -alignment; i++)
      g_string_append_c (out, ' ');
}

/* Composite formatting: "{0} and {1,5:F2}". */
char *
bi_composite_format (const char     *fmt,
                     const AwlValue *args,
                     guint           n_args)
{
  GString *out = g_string_new (NULL);

  for (const char *p = fmt; *p; p++)
    {
      if (p[0] == '{' && p[1] == '{')
        {
          g_string_append_c (out, '{');
          p++;
        }
      else if (p[0] == '}' && p[1] == '}')
        {
          g_string_append_c (out, '}');
          p++;
        }
      else if (p[0] == '{' && g_ascii_isdigit (p[1]))
        {
          char *end;
          guint64 idx = g_ascii_strtoull (p + 1, &end, 10);
          int align = 0;
          gboolean has_align = FALSE;
          g_autofree char *f = NULL;
          const char *close;

          if (*end == ',')
            {
              align = (int) g_ascii_strtoll (end + 1, &end, 10);
              has_align = TRUE;
            }
          if (*end == ':')
            {
              close = strchr (end, '}');
              if (close == NULL)
                break;
              f = g_strndup (end + 1, close - end - 1);
              end = (char *) close;
            }
          if (*end != '}')
            {
              g_string_append_c (out, *p);
              continue;
            }
          if (idx < n_args)
            awl_format_with (args[idx], f, align, has_align, out);
          p = end;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

const char *
bi_to_string (AwlSim   *sim,
              AwlValue  v)
{
  g_autoptr(GString) s = NULL;
  if (v.kind == AWL_VALUE_STRING)
    return v.s;
  s = g_string_new (NULL);
  awl_scn_value_format (v, s);
  return awl_sim_intern (sim, s->str);
}


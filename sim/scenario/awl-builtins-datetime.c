/* awl-builtins-datetime.c
 *
 * System.DateTime on the simulated clock, and the TimeSpan arithmetic that goes
 * with it. The simulated machine runs in UTC with the invariant culture, and its
 * clock reads 2025-01-01 09:00:00 when a run starts, so `DateTime.Now` is that
 * date plus the virtual time: the same run prints the same times. Formats follow
 * .NET: `01/01/2025 09:00:00` by default, custom patterns (`HH:mm:ss.fff`) and the
 * standard ones "o", "s", "T", "t", "d", "D" (checked with .NET 10); `DayOfWeek`'s
 * values are their names, as the subset's enums are.
 */

#include "awl-builtins-private.h"

#include <math.h>
#include <string.h>

#define TICKS_PER_MS    G_GINT64_CONSTANT (10000)
#define TICKS_PER_SEC   G_GINT64_CONSTANT (10000000)
#define TICKS_PER_DAY   G_GINT64_CONSTANT (864000000000)

/* DateTime(2025, 1, 1, 9, 0, 0).Ticks, as .NET prints it. */
#define SIM_START_TICKS G_GINT64_CONSTANT (638713188000000000)

typedef struct
{
  AwlForeign parent;
  gint64     ticks;
  gboolean   utc;     /* DateTimeKind.Utc (UtcNow), else Local */
} AwlDateTime;

static void datetime_to_string (AwlForeign *self, GString *out);

static const AwlForeignClass datetime_class = { "DateTime", NULL, datetime_to_string };

static AwlValue
datetime_new (AwlSim   *sim,
              gint64    ticks,
              gboolean  utc)
{
  AwlDateTime *dt = awl_sim_foreign_new (sim, &datetime_class, sizeof (AwlDateTime));

  dt->ticks = ticks;
  dt->utc = utc;
  return awl_value_object (dt);
}

/* The civil date of @ticks (days since 0001-01-01, proleptic Gregorian). */
static void
civil (gint64  ticks,
       int    *year,
       int    *month,
       int    *day)
{
  GDate *d = g_date_new_julian ((guint32) (ticks / TICKS_PER_DAY) + 1);

  *year = g_date_get_year (d);
  *month = g_date_get_month (d);
  *day = g_date_get_day (d);
  g_date_free (d);
}

/* ----------------------------------------------------------------------------- */
/* Formatting                                                                     */

static guint
run_length (const char *f)
{
  guint n = 1;

  while (f[n] == f[0])
    n++;
  return n;
}

/* A custom pattern of DateTime (@is_span FALSE) or TimeSpan: y M d H h m s f F t,
 * quoted text and \x escapes. */
static void
format_custom (gint64      ticks,
               gboolean    is_span,
               const char *f,
               GString    *out)
{
  gint64 a = ticks < 0 ? -ticks : ticks;
  gint64 tod = is_span ? a % TICKS_PER_DAY : ticks % TICKS_PER_DAY;
  int year = 1, month = 1, day = 1;
  int hour = (int) (tod / (3600 * TICKS_PER_SEC));
  int minute = (int) (tod / (60 * TICKS_PER_SEC) % 60);
  int second = (int) (tod / TICKS_PER_SEC % 60);
  gint64 frac = tod % TICKS_PER_SEC;

  if (!is_span)
    civil (ticks, &year, &month, &day);
  while (*f)
    {
      guint n = run_length (f);
      char c = *f;

      switch (c)
        {
        case 'y':
          if (n <= 2)
            g_string_append_printf (out, n == 1 ? "%d" : "%02d", year % 100);
          else
            g_string_append_printf (out, "%0*d", (int) n, year);
          break;
        case 'M':
          if (n >= 3)
            {
              static const char * const names[] = { "January", "February", "March", "April", "May", "June", "July",
                                                    "August", "September", "October", "November", "December" };
              g_string_append_len (out, names[month - 1], n == 3 ? 3 : -1);
            }
          else
            g_string_append_printf (out, n == 1 ? "%d" : "%02d", month);
          break;
        case 'd':
          if (is_span)
            g_string_append_printf (out, "%0*" G_GINT64_FORMAT, (int) n, a / TICKS_PER_DAY);
          else if (n >= 3)
            {
              /* ddd, dddd: the day's name (0001-01-01 was a Monday). */
              static const char * const names[] = { "Sunday", "Monday", "Tuesday", "Wednesday",
                                                    "Thursday", "Friday", "Saturday" };
              g_string_append_len (out, names[(ticks / TICKS_PER_DAY + 1) % 7], n == 3 ? 3 : -1);
            }
          else
            g_string_append_printf (out, n == 1 ? "%d" : "%02d", day);
          break;
        case 'H':
        case 'h':
          {
            int h = c == 'h' && !is_span ? (hour % 12 == 0 ? 12 : hour % 12) : hour;
            g_string_append_printf (out, n == 1 ? "%d" : "%02d", h);
            break;
          }
        case 'm':
          g_string_append_printf (out, n == 1 ? "%d" : "%02d", minute);
          break;
        case 's':
          g_string_append_printf (out, n == 1 ? "%d" : "%02d", second);
          break;
        case 'f':
        case 'F':
          {
            char digits[8];
            guint k = MIN (n, 7);

            g_snprintf (digits, sizeof digits, "%07" G_GINT64_FORMAT, frac);
            digits[k] = '\0';
            if (c == 'F')
              for (int i = (int) k - 1; i >= 0 && digits[i] == '0'; i--)
                digits[i] = '\0';
            g_string_append (out, digits);
            break;
          }
        case 't':
          g_string_append_len (out, hour < 12 ? "AM" : "PM", n == 1 ? 1 : 2);
          break;
        case '\'':
        case '"':
          {
            const char *end = strchr (f + 1, c);

            if (end == NULL)
              end = f + strlen (f);
            g_string_append_len (out, f + 1, end - f - 1);
            f = *end ? end + 1 : end;
            continue;
          }
        case '\\':
          if (f[1] != '\0')
            g_string_append_c (out, f[1]);
          f += f[1] != '\0' ? 2 : 1;
          continue;
        default:
          g_string_append_c (out, c);
          f++;
          continue;
        }
      f += n;
    }
}

static void
format_datetime (const AwlDateTime *dt,
                 const char        *format,
                 GString           *out)
{
  if (format == NULL || *format == '\0' || strcmp (format, "G") == 0)
    format = "MM/dd/yyyy HH:mm:ss";
  else if (strcmp (format, "o") == 0 || strcmp (format, "O") == 0)
    format = dt->utc ? "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffffff'+00:00'";
  else if (strcmp (format, "s") == 0)
    format = "yyyy-MM-dd'T'HH:mm:ss";
  else if (strcmp (format, "T") == 0)
    format = "HH:mm:ss";
  else if (strcmp (format, "t") == 0)
    format = "HH:mm";
  else if (strcmp (format, "d") == 0)
    format = "MM/dd/yyyy";
  else if (strcmp (format, "D") == 0)
    format = "dddd, dd MMMM yyyy";
  format_custom (dt->ticks, FALSE, format, out);
}

static void
datetime_to_string (AwlForeign *self,
                    GString    *out)
{
  format_datetime ((AwlDateTime *) self, NULL, out);
}

gboolean
awl_datetime_format (AwlValue    v,
                     const char *format,
                     GString    *out)
{
  AwlDateTime *dt = awl_value_get_foreign (v, &datetime_class);
  AwlTimeSpan *ts = awl_value_get_foreign (v, &awl_timespan_class);

  if (dt != NULL)
    format_datetime (dt, format, out);
  else if (ts != NULL && format != NULL && strcmp (format, "c") != 0 && strcmp (format, "g") != 0 &&
           strcmp (format, "G") != 0 && strcmp (format, "t") != 0 && strcmp (format, "T") != 0)
    format_custom (ts->ticks, TRUE, format, out);   /* no sign, as .NET's custom patterns */
  else
    return FALSE;
  return TRUE;
}

/* ----------------------------------------------------------------------------- */
/* Arithmetic: DateTime ± TimeSpan, DateTime − DateTime, comparisons, TimeSpan × n */

gboolean
awl_datetime_binary (AwlSim   *sim,
                     int       op,
                     AwlValue  a,
                     AwlValue  b,
                     AwlValue *out)
{
  AwlDateTime *x = awl_value_get_foreign (a, &datetime_class);
  AwlDateTime *y = awl_value_get_foreign (b, &datetime_class);
  AwlTimeSpan *sa = awl_value_get_foreign (a, &awl_timespan_class);
  AwlTimeSpan *sb = awl_value_get_foreign (b, &awl_timespan_class);

  if (x != NULL && y != NULL)
    {
      switch (op)
        {
        case AWL_BINARY_SUB: *out = awl_timespan_new (sim, x->ticks - y->ticks); return TRUE;
        case AWL_BINARY_EQ: *out = awl_value_bool (x->ticks == y->ticks); return TRUE;
        case AWL_BINARY_NE: *out = awl_value_bool (x->ticks != y->ticks); return TRUE;
        case AWL_BINARY_LT: *out = awl_value_bool (x->ticks < y->ticks); return TRUE;
        case AWL_BINARY_LE: *out = awl_value_bool (x->ticks <= y->ticks); return TRUE;
        case AWL_BINARY_GT: *out = awl_value_bool (x->ticks > y->ticks); return TRUE;
        case AWL_BINARY_GE: *out = awl_value_bool (x->ticks >= y->ticks); return TRUE;
        default: return FALSE;
        }
    }
  if (x != NULL && sb != NULL && (op == AWL_BINARY_ADD || op == AWL_BINARY_SUB))
    {
      *out = datetime_new (sim, x->ticks + (op == AWL_BINARY_ADD ? sb->ticks : -sb->ticks), x->utc);
      return TRUE;
    }
  /* TimeSpan * n, n * TimeSpan, TimeSpan / n (rounded to whole ticks), TimeSpan / TimeSpan. */
  if (sa != NULL && sb != NULL && op == AWL_BINARY_DIV && sb->ticks != 0)
    {
      *out = awl_value_double ((double) sa->ticks / (double) sb->ticks);
      return TRUE;
    }
  if ((sa != NULL && bi_is_number (b) && (op == AWL_BINARY_MUL || op == AWL_BINARY_DIV)) ||
      (sb != NULL && bi_is_number (a) && op == AWL_BINARY_MUL))
    {
      AwlTimeSpan *ts = sa != NULL ? sa : sb;
      double n = bi_arg_double (sa != NULL ? b : a);
      double t = op == AWL_BINARY_MUL ? ts->ticks * n : ts->ticks / n;

      if (!isfinite (t) || fabs (t) > 9.2e18)
        return FALSE;
      *out = awl_timespan_new (sim, (gint64) llround (t));
      return TRUE;
    }
  return FALSE;
}

/* ----------------------------------------------------------------------------- */
/* The API                                                                        */

static AwlDateTime *
target (AwlBiCall *call)
{
  return awl_value_get_foreign (call->target, &datetime_class);
}

/* Now (data 0), UtcNow (data 1), Today (data 2). */
AWL_BI (datetime_now)
{
  gint64 ticks = SIM_START_TICKS + awl_sim_now (call->sim) / 100;

  if (call->api->data == 2)
    ticks -= ticks % TICKS_PER_DAY;
  return bi_value (call, datetime_new (call->sim, ticks, call->api->data == 1));
}

/* new DateTime(year, month, day[, hour, minute, second[, millisecond]]) */
AWL_BI (datetime_ctor)
{
  gint64 v[7] = { 1, 1, 1, 0, 0, 0, 0 };
  GDate *d;
  gint64 ticks;

  if (call->n_args != 3 && call->n_args != 6 && call->n_args != 7)
    return bi_throw (call, "ArgumentException", "DateTime takes (year, month, day[, hour, minute, second[, millisecond]])");
  for (guint i = 0; i < call->n_args; i++)
    v[i] = bi_arg_int (call->args[i], -1);
  if (v[0] < 1 || v[0] > 9999 || v[1] < 1 || v[1] > 12 || v[2] < 1 ||
      !g_date_valid_dmy ((GDateDay) v[2], (GDateMonth) v[1], (GDateYear) v[0]) ||
      v[3] < 0 || v[3] > 23 || v[4] < 0 || v[4] > 59 || v[5] < 0 || v[5] > 59 || v[6] < 0 || v[6] > 999)
    return bi_throw (call, "ArgumentOutOfRangeException", "Year, Month, and Day parameters describe an un-representable DateTime.");
  d = g_date_new_dmy ((GDateDay) v[2], (GDateMonth) v[1], (GDateYear) v[0]);
  ticks = (gint64) (g_date_get_julian (d) - 1) * TICKS_PER_DAY;
  g_date_free (d);
  ticks += ((v[3] * 60 + v[4]) * 60 + v[5]) * TICKS_PER_SEC + v[6] * TICKS_PER_MS;
  return bi_value (call, datetime_new (call->sim, ticks, FALSE));
}

enum { PART_YEAR, PART_MONTH, PART_DAY, PART_HOUR, PART_MINUTE, PART_SECOND, PART_MILLISECOND, PART_TICKS };

AWL_BI (datetime_part)
{
  AwlDateTime *dt = target (call);
  gint64 tod = dt->ticks % TICKS_PER_DAY;
  int y, m, d;

  civil (dt->ticks, &y, &m, &d);
  switch (call->api->data)
    {
    case PART_YEAR: return bi_value (call, awl_value_int (y));
    case PART_MONTH: return bi_value (call, awl_value_int (m));
    case PART_DAY: return bi_value (call, awl_value_int (d));
    case PART_HOUR: return bi_value (call, awl_value_int (tod / (3600 * TICKS_PER_SEC)));
    case PART_MINUTE: return bi_value (call, awl_value_int (tod / (60 * TICKS_PER_SEC) % 60));
    case PART_SECOND: return bi_value (call, awl_value_int (tod / TICKS_PER_SEC % 60));
    case PART_MILLISECOND: return bi_value (call, awl_value_int (tod / TICKS_PER_MS % 1000));
    default: return bi_value (call, awl_value_int (dt->ticks));
    }
}

/* DayOfWeek: the enum's value is its name, as the subset's enums are. */
AWL_BI (datetime_day_of_week)
{
  static const char * const names[] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
  };
  /* 0001-01-01 was a Monday. */
  return bi_value (call, awl_value_string (names[(target (call)->ticks / TICKS_PER_DAY + 1) % 7]));
}

AWL_BI (day_of_week_value)
{
  return bi_value (call, awl_value_string (call->api->member));
}

AWL_BI (datetime_time_of_day)
{
  return bi_value (call, awl_timespan_new (call->sim, target (call)->ticks % TICKS_PER_DAY));
}

AWL_BI (datetime_date)
{
  AwlDateTime *dt = target (call);
  return bi_value (call, datetime_new (call->sim, dt->ticks - dt->ticks % TICKS_PER_DAY, dt->utc));
}

/* AddMilliseconds (data 1), AddSeconds (1000), AddMinutes (60000), AddHours (3600000). */
AWL_BI (datetime_add)
{
  AwlDateTime *dt = target (call);
  double ms = bi_arg_double (call->args[0]) * call->api->data;

  if (!isfinite (ms) || fabs (ms) > 3e14)
    return bi_throw (call, "ArgumentOutOfRangeException", "Value to add was out of range. (Parameter 'value')");
  /* .NET rounds the milliseconds to whole ticks. */
  return bi_value (call, datetime_new (call->sim, dt->ticks + (gint64) llround (ms * TICKS_PER_MS), dt->utc));
}

AWL_BI (datetime_to_string_fmt)
{
  g_autoptr(GString) s = g_string_new (NULL);

  format_datetime (target (call), call->n_args > 0 && call->args[0].kind == AWL_VALUE_STRING ? call->args[0].s : NULL, s);
  return bi_value (call, awl_value_string (awl_sim_intern (call->sim, s->str)));
}

/* The simulated machine is in UTC: conversions change only the kind. */
AWL_BI (datetime_kind)
{
  return bi_value (call, datetime_new (call->sim, target (call)->ticks, call->api->data));
}

AWL_BI (timespan_to_string_fmt)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (call->n_args == 0 || call->args[0].kind != AWL_VALUE_STRING ||
      !awl_datetime_format (call->target, call->args[0].s, s))
    awl_scn_value_format (call->target, s);
  return bi_value (call, awl_value_string (awl_sim_intern (call->sim, s->str)));
}

AWL_BI (timespan_from_hours)
{
  double ms = 3600000.0 * bi_arg_double (call->args[0]);

  if (!isfinite (ms) || fabs (ms) > 9.2e14)
    return bi_throw (call, "OverflowException", "TimeSpan overflowed because the duration is too long.");
  return bi_value (call, awl_timespan_new (call->sim, (gint64) llround (ms * TICKS_PER_MS)));
}

/* Hours (data 0), Days (1), Ticks (2), TotalHours (3). */
AWL_BI (timespan_more)
{
  AwlTimeSpan *ts = awl_value_get_foreign (call->target, &awl_timespan_class);

  switch (call->api->data)
    {
    case 0: return bi_value (call, awl_value_int (ts->ticks / (3600 * TICKS_PER_SEC) % 24));
    case 1: return bi_value (call, awl_value_int (ts->ticks / TICKS_PER_DAY));
    case 2: return bi_value (call, awl_value_int (ts->ticks));
    default: return bi_value (call, awl_value_double (ts->ticks / (3600.0 * TICKS_PER_SEC)));
    }
}

#define D "var d = new DateTime(2025, 1, 1, 9, 30, 15, 250); "

static const AwlKnownApi rows[] = {
  { "DateTime", "Now", AWL_SP, 0, 0, NULL, 0, datetime_now, 0, "var t = DateTime.Now;" },
  { "DateTime", "UtcNow", AWL_SP, 0, 0, NULL, 0, datetime_now, 1, "var t = DateTime.UtcNow;" },
  { "DateTime", "Today", AWL_SP, 0, 0, NULL, 0, datetime_now, 2, "var t = DateTime.Today;" },
  { "DateTime", ".ctor", AWL_CT, 3, 7, NULL, 0, datetime_ctor, 0, "var d = new DateTime(2025, 1, 1);" },
  { "DateTime", "Year", AWL_IP, 0, 0, NULL, 0, datetime_part, PART_YEAR, D "int n = d.Year;" },
  { "DateTime", "Month", AWL_IP, 0, 0, NULL, 0, datetime_part, PART_MONTH, D "int n = d.Month;" },
  { "DateTime", "Day", AWL_IP, 0, 0, NULL, 0, datetime_part, PART_DAY, D "int n = d.Day;" },
  { "DateTime", "Hour", AWL_IP, 0, 0, NULL, 0, datetime_part, PART_HOUR, D "int n = d.Hour;" },
  { "DateTime", "Minute", AWL_IP, 0, 0, NULL, 0, datetime_part, PART_MINUTE, D "int n = d.Minute;" },
  { "DateTime", "Second", AWL_IP, 0, 0, NULL, 0, datetime_part, PART_SECOND, D "int n = d.Second;" },
  { "DateTime", "Millisecond", AWL_IP, 0, 0, NULL, 0, datetime_part, PART_MILLISECOND, D "int n = d.Millisecond;" },
  { "DateTime", "Ticks", AWL_IP, 0, 0, NULL, 0, datetime_part, PART_TICKS, D "long n = d.Ticks;" },
  { "DateTime", "Date", AWL_IP, 0, 0, NULL, 0, datetime_date, 0, D "var day = d.Date;" },
  { "DateTime", "DayOfWeek", AWL_IP, 0, 0, NULL, 0, datetime_day_of_week, 0, D "DayOfWeek w = d.DayOfWeek;" },
  { "DateTime", "TimeOfDay", AWL_IP, 0, 0, NULL, 0, datetime_time_of_day, 0, D "TimeSpan t = d.TimeOfDay;" },
  { "DayOfWeek", "Sunday", AWL_EV, 0, 0, NULL, 0, day_of_week_value, 0, D "bool b = d.DayOfWeek == DayOfWeek.Sunday;" },
  { "DayOfWeek", "Monday", AWL_EV, 0, 0, NULL, 0, day_of_week_value, 0, D "bool b = d.DayOfWeek == DayOfWeek.Monday;" },
  { "DayOfWeek", "Tuesday", AWL_EV, 0, 0, NULL, 0, day_of_week_value, 0, D "bool b = d.DayOfWeek == DayOfWeek.Tuesday;" },
  { "DayOfWeek", "Wednesday", AWL_EV, 0, 0, NULL, 0, day_of_week_value, 0, D "bool b = d.DayOfWeek == DayOfWeek.Wednesday;" },
  { "DayOfWeek", "Thursday", AWL_EV, 0, 0, NULL, 0, day_of_week_value, 0, D "bool b = d.DayOfWeek == DayOfWeek.Thursday;" },
  { "DayOfWeek", "Friday", AWL_EV, 0, 0, NULL, 0, day_of_week_value, 0, D "bool b = d.DayOfWeek == DayOfWeek.Friday;" },
  { "DayOfWeek", "Saturday", AWL_EV, 0, 0, NULL, 0, day_of_week_value, 0, D "bool b = d.DayOfWeek == DayOfWeek.Saturday;" },
  { "DateTime", "AddMilliseconds", AWL_IM, 1, 1, NULL, 0, datetime_add, 1, D "var e = d.AddMilliseconds(500);" },
  { "DateTime", "AddSeconds", AWL_IM, 1, 1, NULL, 0, datetime_add, 1000, D "var e = d.AddSeconds(1.5);" },
  { "DateTime", "AddMinutes", AWL_IM, 1, 1, NULL, 0, datetime_add, 60000, D "var e = d.AddMinutes(2);" },
  { "DateTime", "AddHours", AWL_IM, 1, 1, NULL, 0, datetime_add, 3600000, D "var e = d.AddHours(1);" },
  { "DateTime", "ToString", AWL_IM, 0, 1, NULL, 0, datetime_to_string_fmt, 0, D "string s = d.ToString(\"HH:mm:ss.fff\");" },
  { "DateTime", "ToUniversalTime", AWL_IM, 0, 0, NULL, 0, datetime_kind, 1, D "var u = d.ToUniversalTime();" },
  { "DateTime", "ToLocalTime", AWL_IM, 0, 0, NULL, 0, datetime_kind, 0, D "var l = d.ToLocalTime();" },
  { "TimeSpan", "FromHours", AWL_SM, 1, 1, NULL, 0, timespan_from_hours, 0, "var t = TimeSpan.FromHours(1.25);" },
  { "TimeSpan", "Hours", AWL_IP, 0, 0, NULL, 0, timespan_more, 0, "int n = TimeSpan.FromHours(1.25).Hours;" },
  { "TimeSpan", "Days", AWL_IP, 0, 0, NULL, 0, timespan_more, 1, "int n = TimeSpan.FromHours(30).Days;" },
  { "TimeSpan", "Ticks", AWL_IP, 0, 0, NULL, 0, timespan_more, 2, "long n = TimeSpan.FromSeconds(1).Ticks;" },
  { "TimeSpan", "TotalHours", AWL_IP, 0, 0, NULL, 0, timespan_more, 3, "double h = TimeSpan.FromMinutes(90).TotalHours;" },
  { "TimeSpan", "ToString", AWL_IM, 0, 1, NULL, 0, timespan_to_string_fmt, 0, "string s = TimeSpan.FromSeconds(1.5).ToString(@\"mm\\:ss\\.fff\");" },
};

const AwlApiFamily awl_api_family_datetime = { "DateTime", rows, G_N_ELEMENTS (rows) };

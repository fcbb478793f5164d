/* ui-test-support.c
 *
 * GTK 4.8 sometimes warns that it snapshots an internal gizmo (a switch's
 * slider, a toast's close button) before allocating it when Xvfb is slow: a
 * GTK timing quirk, not ours. Every other warning stays fatal.
 */

#include <string.h>

#include "ui-test-support.h"

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if (level & G_LOG_LEVEL_WARNING)
    for (gsize i = 0; i < n_fields; i++)
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
          strstr (fields[i].value, "without a current allocation") != NULL)
        return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

void
ui_test_log_init (void)
{
  g_log_set_writer_func (log_writer, NULL, NULL);
}

void
ui_test_settle (AwaitlabWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (awaitlab_window_get_busy (window) && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_false (awaitlab_window_get_busy (window));
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

void
ui_test_pump (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

void
ui_test_run_xdotool (const char         *xdotool,
                     const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_ptr_array_add (argv, (char *) xdotool);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  /* g_subprocess_get_successful() needs the exit to have been reaped. */
  while (g_subprocess_get_identifier (process) != NULL && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
  g_assert_null (g_subprocess_get_identifier (process));
  g_assert_true (g_subprocess_get_successful (process));
}

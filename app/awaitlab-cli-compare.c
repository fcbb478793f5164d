/* awaitlab-cli-compare.c */

#include <string.h>

#include "awaitlab-cli-compare.h"
#include "awaitlab-cli.h"
#include "awl-compare.h"

enum { EXIT_OK = AWAITLAB_EXIT_OK, EXIT_INVALID = AWAITLAB_EXIT_INVALID, EXIT_USAGE = AWAITLAB_EXIT_USAGE };

static void
compare_usage (void)
{
  g_printerr ("Usage: awaitlab compare FILE [--set-a NAME=VALUE]… [--set-b NAME=VALUE]… [--set NAME=VALUE]…\n"
              "  --set-a / --set-b apply to one run, --set to both.\n");
}

/* "--set-a K=V" or "--set-a=K=V": the assignment, advancing *i past it. */
static const char *
option_value (int          argc,
              char       **argv,
              int         *i,
              const char  *name)
{
  const char *arg = argv[*i];
  gsize len = strlen (name);

  if (strncmp (arg, name, len) != 0)
    return NULL;
  if (arg[len] == '=')
    return arg + len + 1;
  if (arg[len] == '\0' && *i + 1 < argc)
    return argv[++*i];
  return arg[len] == '\0' ? "" : NULL;
}

int
awaitlab_cli_compare (int    argc,
                      char **argv)
{
  g_autoptr(AwlKnobValues) a = awl_knob_values_new ();
  g_autoptr(AwlKnobValues) b = awl_knob_values_new ();
  g_autoptr(AwlScenario) scenario = NULL;
  g_autoptr(AwlComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label_a = NULL;
  g_autofree char *label_b = NULL;
  g_autofree char *text = NULL;
  const char *file = NULL;

  for (int i = 2; i < argc; i++)
    {
      const char *value;
      gboolean ok = TRUE;

      if ((value = option_value (argc, argv, &i, "--set-a")))
        ok = awl_knob_values_set_assignment (a, value);
      else if ((value = option_value (argc, argv, &i, "--set-b")))
        ok = awl_knob_values_set_assignment (b, value);
      else if ((value = option_value (argc, argv, &i, "--set")))
        ok = awl_knob_values_set_assignment (a, value) && awl_knob_values_set_assignment (b, value);
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          g_printerr ("awaitlab compare: unknown option '%s'\n", argv[i]);
          compare_usage ();
          return EXIT_USAGE;
        }
      else if (file == NULL)
        file = argv[i];
      else
        {
          g_printerr ("awaitlab compare: only one FILE may be given\n");
          return EXIT_USAGE;
        }

      if (!ok)
        {
          g_printerr ("awaitlab compare: %s needs NAME=VALUE\n", argv[i]);
          return EXIT_USAGE;
        }
    }

  if (file == NULL)
    {
      compare_usage ();
      return EXIT_USAGE;
    }

  if (!(scenario = awl_scenario_new_from_file (file, &error)))
    {
      g_printerr ("%s%s", error->message, g_str_has_suffix (error->message, "\n") ? "" : "\n");
      return g_error_matches (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_IO) ? EXIT_USAGE : EXIT_INVALID;
    }

  if (!(comparison = awl_compare_run (scenario, a, b, NULL, NULL, NULL, &error)))
    {
      g_printerr ("awaitlab compare: %s\n", error->message);
      return EXIT_USAGE;
    }

  label_a = awl_knob_values_describe (a);
  label_b = awl_knob_values_describe (b);
  text = awl_comparison_format (comparison, label_a, label_b);
  g_print ("%s", text);
  return EXIT_OK;
}

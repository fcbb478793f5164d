/* awaitlab-cli-csharp.c
 *
 * `awaitlab csharp FILE [--set K=V]… [-o OUT.cs]`.
 */

#include <stdio.h>
#include <string.h>

#include "awaitlab-cli-csharp.h"
#include "awaitlab-cli.h"

#include "awl-csharp.h"
#include "awl-output-file.h"

#define EXIT_INVALID        AWAITLAB_EXIT_INVALID
#define EXIT_USAGE          AWAITLAB_EXIT_USAGE
#define EXIT_NOT_EXPORTABLE AWAITLAB_EXIT_NOT_EXPORTABLE
#define EXIT_OUTPUT         AWAITLAB_EXIT_OUTPUT

static int
usage (const char *message)
{
  if (message != NULL)
    g_printerr ("awaitlab csharp: %s\n", message);
  g_printerr ("Usage: awaitlab csharp FILE [--set NAME=VALUE]... [-o OUT.cs]\n"
              "Writes the scenario as a C# 7.2 program for Mono "
              "(mcs -langversion:7.2 -main:Awaitlab.Program OUT.cs && mono OUT.exe).\n");
  return EXIT_USAGE;
}

int
awaitlab_cli_csharp (int    argc,
                     char **argv)
{
  g_autoptr(GPtrArray) sets = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *program = NULL;
  const char *file = NULL;
  const char *output = NULL;
  gsize length;

  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--set") || g_str_equal (arg, "-o") || g_str_equal (arg, "--output"))
        {
          if (i + 1 >= argc)
            return usage ("an option needs a value");
          if (g_str_equal (arg, "--set"))
            g_ptr_array_add (sets, argv[++i]);
          else
            output = argv[++i];
        }
      else if (g_str_has_prefix (arg, "--set="))
        g_ptr_array_add (sets, (char *) arg + strlen ("--set="));
      else if (g_str_has_prefix (arg, "--output="))
        output = arg + strlen ("--output=");
      else if (g_str_equal (arg, "-h") || g_str_equal (arg, "--help"))
        {
          usage (NULL);
          return 0;
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        {
          g_autofree char *msg = g_strdup_printf ("unknown option %s", arg);
          return usage (msg);
        }
      else if (file == NULL)
        file = arg;
      else
        return usage ("only one FILE");
    }
  if (file == NULL)
    return usage ("no FILE given");
  g_ptr_array_add (sets, NULL);

  if (!g_file_get_contents (file, &text, &length, &error))
    {
      g_printerr ("awaitlab csharp: %s\n", error->message);
      return EXIT_USAGE;
    }

  /* Refuse a bad output before any work (and before writing anything). */
  if (output != NULL && !g_str_equal (output, "-") && !awl_output_check_path (output, file, &error))
    {
      g_printerr ("awaitlab csharp: %s\n", error->message);
      return EXIT_OUTPUT;
    }

  program = awl_csharp_generate (file, text, length,
                                 (const char * const *) sets->pdata, &error);
  if (program == NULL)
    {
      if (g_error_matches (error, AWL_CSHARP_ERROR, AWL_CSHARP_ERROR_NOT_EXPORTABLE))
        {
          g_printerr ("%s: not exportable: %s\n", file, error->message);
          return EXIT_NOT_EXPORTABLE;
        }
      if (g_error_matches (error, AWL_CSHARP_ERROR, AWL_CSHARP_ERROR_OVERRIDE))
        return usage (error->message);
      g_printerr ("%s", error->message);
      if (error->message[0] != '\0' && !g_str_has_suffix (error->message, "\n"))
        g_printerr ("\n");
      return EXIT_INVALID;
    }

  if (output == NULL || g_str_equal (output, "-"))
    {
      /* awaitlab_cli_main() checks that standard output took it all. */
      fputs (program, stdout);
      return 0;
    }
  /* A temporary file renamed over the output: the old file stays when anything fails. */
  if (!awl_output_write_file (output, file, program, strlen (program), &error))
    {
      g_printerr ("awaitlab csharp: %s\n", error->message);
      return EXIT_OUTPUT;
    }
  return 0;
}

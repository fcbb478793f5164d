/* awaitlab-cli-csharp.c
 *
 * `awaitlab csharp FILE [--target mono|dotnet] [--set K=V]… [-o OUT.cs]`, and for
 * build-aux/fidelity's one-project .NET build: `--part NAME` (one scenario of a
 * bundle) and `--bundle-prelude` (the bundle's prelude file, no FILE).
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
  g_printerr ("Usage: awaitlab csharp FILE [--target mono|dotnet] [--set NAME=VALUE]... "
              "[-o OUT.cs]\n"
              "       awaitlab csharp FILE --target dotnet --part NAME [-o OUT.cs]\n"
              "       awaitlab csharp --bundle-prelude [-o OUT.cs]\n"
              "Writes the scenario as a C# program: for Mono (C# 7.2, the default;\n"
              "mcs -langversion:7.2 -out:OUT.exe OUT.cs && mono OUT.exe) or for .NET 10\n"
              "(dotnet run OUT.cs). --part writes one scenario of a bundle project (namespace\n"
              "Awaitlab.NAME, started by Awaitlab.NAME.Program.Run); --bundle-prelude writes\n"
              "that project's prelude.\n");
  return EXIT_USAGE;
}

static int write_program (const char *program,
                          const char *input,
                          const char *output);

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
  const char *part = NULL;
  gboolean bundle_prelude = FALSE;
  AwlCsharpTarget target = AWL_CSHARP_TARGET_MONO;
  gsize length;

  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--set") || g_str_equal (arg, "-o") || g_str_equal (arg, "--output") ||
          g_str_equal (arg, "--target") || g_str_equal (arg, "--part"))
        {
          if (i + 1 >= argc)
            return usage ("an option needs a value");
          if (g_str_equal (arg, "--set"))
            g_ptr_array_add (sets, argv[++i]);
          else if (g_str_equal (arg, "--part"))
            part = argv[++i];
          else if (g_str_equal (arg, "--target"))
            {
              const char *name = argv[++i];
              if (g_str_equal (name, "mono"))
                target = AWL_CSHARP_TARGET_MONO;
              else if (g_str_equal (name, "dotnet"))
                target = AWL_CSHARP_TARGET_DOTNET;
              else
                {
                  g_autofree char *msg = g_strdup_printf ("unknown target \"%s\" (mono or dotnet)", name);
                  return usage (msg);
                }
            }
          else
            output = argv[++i];
        }
      else if (g_str_equal (arg, "--bundle-prelude"))
        bundle_prelude = TRUE;
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
  if (bundle_prelude)
    {
      if (file != NULL || part != NULL || sets->len > 0)
        return usage ("--bundle-prelude takes no FILE, --part or --set");
      program = awl_csharp_bundle_prelude ();
      return write_program (program, NULL, output);
    }
  if (file == NULL)
    return usage ("no FILE given");
  if (part != NULL && target != AWL_CSHARP_TARGET_DOTNET)
    return usage ("--part needs --target dotnet");
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

  program = awl_csharp_generate_for (file, text, length,
                                     (const char * const *) sets->pdata, target, part, &error);
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
  return write_program (program, file, output);
}

/* @input (may be NULL) is the scenario read: never written over. */
static int
write_program (const char *program,
               const char *input,
               const char *output)
{
  g_autoptr(GError) error = NULL;

  if (output == NULL || g_str_equal (output, "-"))
    {
      /* awaitlab_cli_main() checks that standard output took it all. */
      fputs (program, stdout);
      return 0;
    }
  /* A temporary file renamed over the output: the old file stays when anything fails. */
  if (!awl_output_write_file (output, input, program, strlen (program), &error))
    {
      g_printerr ("awaitlab csharp: %s\n", error->message);
      return EXIT_OUTPUT;
    }
  return 0;
}

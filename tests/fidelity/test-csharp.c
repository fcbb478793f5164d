/* test-csharp.c
 *
 * `awaitlab csharp`'s generator: what it writes for a scenario (without Mono; the
 * comparison with Mono is build-aux/fidelity, the "mono-fidelity" test).
 */

#include <string.h>

#include "awl-csharp.h"

static char *
generate (const char  *text,
          const char **overrides,
          GError     **error)
{
  return awl_csharp_generate ("t.csx", text, -1, (const char * const *) overrides, error);
}

/* The scenario part of a program: from `#line 1` to `#line default`. */
static char *
scenario_part (const char *program)
{
  const char *start = strstr (program, "#line 1 \"t.csx\"\n");
  const char *end = strstr (program, "#line default\n");

  g_assert_nonnull (start);
  g_assert_nonnull (end);
  start += strlen ("#line 1 \"t.csx\"\n");
  g_assert_true (end >= start);
  return g_strndup (start, end - start);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    if (*p == '\n')
      n++;
  return n;
}

static const char *basic =
  "// @title Basic\n"
  "// @knob Fast = true \"Go fast\"\n"
  "// @knob Delay = 150 \"Delay\"\n"
  "\n"
  "int counter;\n"
  "\n"
  "async Task<string> GetAsync()\n"
  "{\n"
  "    await Task.Delay(Delay);\n"
  "    Thread.Sleep(20);\n"
  "    return await Http.GetAsync(\"u\", 200);\n"
  "}\n"
  "\n"
  "void Main()\n"
  "{\n"
  "    Console.WriteLine(GetAsync().Result);\n"
  "}\n";

static void
test_generate_basic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = generate (basic, NULL, &error);
  g_autofree char *part = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (program);

  /* Knobs are constants with their default values. */
  g_assert_nonnull (strstr (program, "const bool Fast = true;"));
  g_assert_nonnull (strstr (program, "const int Delay = 150;"));

  /* The scenario keeps every line where it was. */
  part = scenario_part (program);
  g_assert_cmpuint (count_lines (part), ==, count_lines (basic));
  lines = g_strsplit (part, "\n", -1);
  g_assert_cmpstr (lines[4], ==, "static int counter;");
  g_assert_cmpstr (lines[6], ==, "async static Task<string> GetAsync()");
  g_assert_cmpstr (lines[8], ==, "    await SimWorld.Delay(Delay);");
  g_assert_cmpstr (lines[9], ==, "    SimWorld.Sleep(20);");
  g_assert_cmpstr (lines[10], ==, "    return await Http.GetAsync(\"u\", 200);");
  g_assert_cmpstr (lines[13], ==, "static void Main()");

  /* Configuration: defaults, the watchdog's longest delay (200 ms) and the entry. */
  g_assert_nonnull (strstr (program, "SimWorld.Env = SimEnvironment.Console;"));
  g_assert_nonnull (strstr (program, "SimWorld.Cores = 4;"));
  g_assert_nonnull (strstr (program, "SimWorld.MinThreads = 4;"));
  g_assert_nonnull (strstr (program, "SimWorld.LongestDelayMs = 200.000;"));
  g_assert_nonnull (strstr (program, "      Main ();\n      return null;\n"));
  /* The prelude is in. */
  g_assert_nonnull (strstr (program, "public static class Http"));
}

static void
test_generate_overrides (void)
{
  const char *sets[] = { "Fast=false", "Delay=900", "cores=2", "min-threads=6",
                         "runtime=netfx", "timer-resolution=1ms", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *program = generate (basic, sets, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (program, "const bool Fast = false;"));
  g_assert_nonnull (strstr (program, "const int Delay = 900;"));
  g_assert_nonnull (strstr (program, "SimWorld.Cores = 2;"));
  g_assert_nonnull (strstr (program, "SimWorld.MinThreads = 6;"));
  /* The knob made the delay the longest one. */
  g_assert_nonnull (strstr (program, "SimWorld.LongestDelayMs = 900.000;"));
}

static void
test_override_errors (void)
{
  const char *unknown[] = { "Nope=1", NULL };
  const char *bad_type[] = { "Fast=3", NULL };
  const char *no_eq[] = { "Fast", NULL };
  const char *bad_cores[] = { "cores=0", NULL };
  const char **cases[] = { unknown, bad_type, no_eq, bad_cores };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *program = generate (basic, cases[i], &error);

      g_assert_null (program);
      g_assert_error (error, AWL_CSHARP_ERROR, AWL_CSHARP_ERROR_OVERRIDE);
    }
}

static void
test_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = generate ("// @title Broken\nvoid Main() { int x = ; }\n",
                                       NULL, &error);

  g_assert_null (program);
  g_assert_error (error, AWL_CSHARP_ERROR, AWL_CSHARP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "t.csx:2:"));
}

static void
test_not_exportable_async_stream (void)
{
  const char *text =
    "// @title Stream\n"
    "async IAsyncEnumerable<int> NumbersAsync()\n"
    "{\n"
    "    await Task.Delay(10);\n"
    "    yield return 1;\n"
    "}\n"
    "\n"
    "async Task Main()\n"
    "{\n"
    "    await foreach (var n in NumbersAsync())\n"
    "        Console.WriteLine(n);\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *program = generate (text, NULL, &error);

  g_assert_null (program);
  g_assert_error (error, AWL_CSHARP_ERROR, AWL_CSHARP_ERROR_NOT_EXPORTABLE);
  g_assert_nonnull (strstr (error->message, "line 2:"));
  g_assert_nonnull (strstr (error->message, "C# 8"));
}

static void
test_not_exportable_await_foreach (void)
{
  const char *text =
    "// @title Await foreach over a list\n"
    "async Task Main()\n"
    "{\n"
    "    var items = new List<int> { 1 };\n"
    "    await foreach (var n in items)\n"
    "        Console.WriteLine(n);\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *program = generate (text, NULL, &error);

  /* Either the front end rejects it (not an async enumerable) or the generator
   * refuses it; it must never produce a program mcs cannot compile. */
  g_assert_null (program);
  g_assert_nonnull (error);
  if (g_error_matches (error, AWL_CSHARP_ERROR, AWL_CSHARP_ERROR_NOT_EXPORTABLE))
    g_assert_nonnull (strstr (error->message, "line 5:"));
}

static void
test_usings_and_class_blanked (void)
{
  const char *text =
    "// @title Pasted program\n"
    "using System;\n"
    "using System.Threading.Tasks;\n"
    "\n"
    "public static class Program\n"
    "{\n"
    "    static async Task Main()\n"
    "    {\n"
    "        await Task.Delay(10);\n"
    "        Console.WriteLine(@$\"done {1}\");\n"
    "    }\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *program = generate (text, NULL, &error);
  g_autofree char *part = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  part = scenario_part (program);
  g_assert_cmpuint (count_lines (part), ==, count_lines (text));
  lines = g_strsplit (part, "\n", -1);
  g_assert_cmpstr (g_strstrip (lines[1]), ==, "");
  g_assert_cmpstr (g_strstrip (lines[2]), ==, "");
  g_assert_cmpstr (g_strstrip (lines[4]), ==, "");
  g_assert_cmpstr (g_strstrip (lines[5]), ==, "");
  g_assert_cmpstr (g_strstrip (lines[11]), ==, "");
  g_assert_cmpstr (lines[6], ==, "    static async Task Main()");
  /* mcs knows only the C# 7 order of the interpolated verbatim prefix. */
  g_assert_nonnull (strstr (lines[9], "$@\"done {1}\""));
  /* A Task-returning entry is returned to the prelude, which waits for it. */
  g_assert_nonnull (strstr (program, "      return Main ();\n"));
}

static void
test_ui_entry (void)
{
  const char *text =
    "// @title UI\n"
    "// @environment ui\n"
    "async void Button_Click(object sender, EventArgs e)\n"
    "{\n"
    "    await Task.Delay(100);\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *program = generate (text, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (program, "SimWorld.Env = SimEnvironment.Ui;"));
  g_assert_nonnull (strstr (program, "Button_Click (null, EventArgs.Empty);\n      return null;"));
}

static void
test_web_load (void)
{
  const char *text =
    "// @title Web\n"
    "// @environment aspnetcore\n"
    "// @load 50 for 2s\n"
    "async Task HandleRequestAsync()\n"
    "{\n"
    "    await Db.QueryAsync(\"select 1\", 30);\n"
    "}\n";
  const char *sets[] = { "environment=aspnet-classic", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *program = generate (text, sets, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (program, "SimWorld.Env = SimEnvironment.AspNetClassic;"));
  g_assert_nonnull (strstr (program, "SimWorld.LoadRps = 50.000;"));
  g_assert_nonnull (strstr (program, "SimWorld.LoadDurationMs = 2000.000;"));
  g_assert_nonnull (strstr (program, "return HandleRequestAsync ();"));
}

static void
test_prelude (void)
{
  gsize length = 0;
  const char *prelude = awl_csharp_get_prelude (&length);

  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpuint (strlen (prelude), ==, length);
  g_assert_nonnull (strstr (prelude, "namespace Awaitlab"));
  g_assert_nonnull (strstr (prelude, "Response status code does not indicate success: 503 (Service Unavailable)."));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csharp/generate/basic", test_generate_basic);
  g_test_add_func ("/csharp/generate/overrides", test_generate_overrides);
  g_test_add_func ("/csharp/generate/override-errors", test_override_errors);
  g_test_add_func ("/csharp/generate/invalid", test_invalid);
  g_test_add_func ("/csharp/generate/usings-and-class-blanked", test_usings_and_class_blanked);
  g_test_add_func ("/csharp/generate/ui-entry", test_ui_entry);
  g_test_add_func ("/csharp/generate/web-load", test_web_load);
  g_test_add_func ("/csharp/not-exportable/async-stream", test_not_exportable_async_stream);
  g_test_add_func ("/csharp/not-exportable/await-foreach", test_not_exportable_await_foreach);
  g_test_add_func ("/csharp/prelude", test_prelude);

  return g_test_run ();
}

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
  g_assert_cmpstr (lines[13], ==, "static void ScenarioMain()");

  /* Configuration: defaults, the watchdog's longest delay (200 ms) and the entry. */
  g_assert_nonnull (strstr (program, "SimWorld.Env = SimEnvironment.Console;"));
  g_assert_nonnull (strstr (program, "SimWorld.Cores = 4;"));
  g_assert_nonnull (strstr (program, "SimWorld.MinThreads = 4;"));
  g_assert_nonnull (strstr (program, "SimWorld.LongestDelayMs = 200.000;"));
  g_assert_nonnull (strstr (program, "      ScenarioMain ();\n      return null;\n"));
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

/* A pasted program: usings blanked, the class kept as written (a nested class of the
 * program's Scenario), its Main reached through a forwarder inside it, since a
 * nested class's private members are out of Scenario's reach. */
static void
test_usings_blanked_class_kept (void)
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
  g_assert_cmpstr (lines[4], ==, "public static class Program");
  g_assert_cmpstr (lines[5], ==, "{");
  g_assert_cmpstr (lines[6], ==, "    static async Task ScenarioMain()");
  /* mcs knows only the C# 7 order of the interpolated verbatim prefix. */
  g_assert_nonnull (strstr (lines[9], "$@\"done {1}\""));
  /* A Task-returning entry is returned to the prelude, which waits for it. */
  g_assert_cmpstr (lines[11], ==, "internal static global::System.Threading.Tasks.Task AwaitlabEntry "
                                  "(int request) { return ScenarioMain (); } }");
  g_assert_nonnull (strstr (program, "      return Program.AwaitlabEntry (request);\n"));
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

static char *
generate_for (const char      *text,
              AwlCsharpTarget  target,
              const char      *part,
              GError         **error)
{
  return awl_csharp_generate_for ("t.csx", text, -1, NULL, target, part, error);
}

/* The program has its own Main: the scenario's (here a plain `static void Main()`)
 * is renamed where it is declared and called, on both targets (CS0017 otherwise). */
static void
test_plain_main_renamed (void)
{
  const char *text =
    "// @title Plain Main\n"
    "static int depth;\n"
    "static void Main()\n"
    "{\n"
    "    if (depth++ == 0) Main();\n"
    "}\n";
  AwlCsharpTarget targets[] = { AWL_CSHARP_TARGET_MONO, AWL_CSHARP_TARGET_DOTNET };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *program = generate_for (text, targets[i], NULL, &error);
      g_autofree char *part = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_no_error (error);
      part = scenario_part (program);
      lines = g_strsplit (part, "\n", -1);
      g_assert_cmpstr (lines[2], ==, "static void ScenarioMain()");
      g_assert_cmpstr (lines[4], ==, "    if (depth++ == 0) ScenarioMain();");
      g_assert_nonnull (strstr (program, "      ScenarioMain ();\n      return null;\n"));
      /* Exactly one Main left: the program's. */
      g_assert_nonnull (strstr (program, "static int Main (string[] args)"));
      g_assert_null (strstr (part, " Main("));
    }
}

static const char *stream =
  "// @title Stream\n"
  "async IAsyncEnumerable<int> NumbersAsync()\n"
  "{\n"
  "    await Task.Delay(10);\n"
  "    yield return 1;\n"
  "}\n"
  "\n"
  "async Task Main()\n"
  "{\n"
  "    string? name = null;\n"
  "    name ?\?= \"n\";\n"
  "    await foreach (var n in NumbersAsync())\n"
  "        Console.WriteLine(n);\n"
  "}\n";

/* .NET compiles current C#: async streams, `??=`, nullable annotations are kept. */
static void
test_dotnet_program (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = generate_for (stream, AWL_CSHARP_TARGET_DOTNET, NULL, &error);
  g_autofree char *part = NULL;

  g_assert_no_error (error);
  /* A file-based app: build settings first, then the symbol the prelude tests. */
  g_assert_true (g_str_has_prefix (program, "#:property ImplicitUsings=disable\n"));
  g_assert_nonnull (strstr (program, "\n#define AWAITLAB_DOTNET\n"));
  g_assert_nonnull (strstr (program, "dotnet run THIS.cs"));
  g_assert_nonnull (strstr (program, "\nnamespace Awaitlab\n{\n  partial class Scenario"));
  part = scenario_part (program);
  g_assert_nonnull (strstr (part, "async static IAsyncEnumerable<int> NumbersAsync()"));
  g_assert_nonnull (strstr (part, "await SimWorld.Delay(10);"));
  g_assert_nonnull (strstr (part, "await foreach (var n in NumbersAsync())"));
  g_assert_nonnull (strstr (program, "      return ScenarioMain ();\n"));
  g_assert_nonnull (strstr (program, "static int Main (string[] args)"));

  /* The same scenario is still refused for Mono. */
  g_clear_pointer (&program, g_free);
  program = generate_for (stream, AWL_CSHARP_TARGET_MONO, NULL, &error);
  g_assert_null (program);
  g_assert_error (error, AWL_CSHARP_ERROR, AWL_CSHARP_ERROR_NOT_EXPORTABLE);
}

/* One scenario of a bundle: no prelude, its own namespace, started through Run. */
static void
test_dotnet_bundle_part (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = generate_for (basic, AWL_CSHARP_TARGET_DOTNET, "S001_basic", &error);
  g_autofree char *prelude = awl_csharp_bundle_prelude ();
  g_autofree char *bad = NULL;

  g_assert_no_error (error);
  g_assert_null (strstr (program, "public static class Http"));
  g_assert_null (strstr (program, "#:property"));
  g_assert_nonnull (strstr (program, "namespace Awaitlab.S001_basic\n{\n"));
  g_assert_nonnull (strstr (program, "public static int Run (string[] args)"));
  g_assert_null (strstr (program, "static int Main (string[] args)"));

  /* The bundle's prelude: the symbol, no file-based directives (an error in a project). */
  g_assert_true (g_str_has_prefix (prelude, "#define AWAITLAB_DOTNET\n"));
  g_assert_null (strstr (prelude, "#:property"));
  g_assert_nonnull (strstr (prelude, "public static class Http"));

  /* A part needs an identifier and the dotnet target. */
  bad = generate_for (basic, AWL_CSHARP_TARGET_DOTNET, "not a name", &error);
  g_assert_null (bad);
  g_assert_error (error, AWL_CSHARP_ERROR, AWL_CSHARP_ERROR_OVERRIDE);
  g_clear_error (&error);
  bad = generate_for (basic, AWL_CSHARP_TARGET_MONO, "S1", &error);
  g_assert_null (bad);
  g_assert_error (error, AWL_CSHARP_ERROR, AWL_CSHARP_ERROR_OVERRIDE);
}

/* JObject comes from the Newtonsoft.Json package: the standalone .NET program
 * references it, Mono and a bundle's shared project cannot, and say so. */
static void
test_newtonsoft_package (void)
{
  const char *text =
    "// @title JSON\n"
    "using Newtonsoft.Json.Linq;\n"
    "async Task Main()\n"
    "{\n"
    "    var o = JObject.Parse(await Http.GetAsync(\"https://x\", 10, body: \"{}\"));\n"
    "    Console.WriteLine(o.Count);\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *program = generate_for (text, AWL_CSHARP_TARGET_DOTNET, NULL, &error);
  g_autofree char *mono = NULL;
  g_autofree char *part = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (program, "#:package Newtonsoft.Json@13.0.4\n"));
  g_assert_nonnull (strstr (program, "using Newtonsoft.Json.Linq;\n"));
  g_assert_nonnull (strstr (program, "string body = null"));

  mono = generate_for (text, AWL_CSHARP_TARGET_MONO, NULL, &error);
  g_assert_null (mono);
  g_assert_error (error, AWL_CSHARP_ERROR, AWL_CSHARP_ERROR_NOT_EXPORTABLE);
  g_assert_nonnull (strstr (error->message, "Newtonsoft.Json"));
  g_clear_error (&error);

  part = generate_for (text, AWL_CSHARP_TARGET_DOTNET, "S1", &error);
  g_assert_null (part);
  g_assert_error (error, AWL_CSHARP_ERROR, AWL_CSHARP_ERROR_NOT_EXPORTABLE);
}

static const char *classes =
  "// @title Classes\n"
  "enum Stage { Queued, Done }\n"
  "\n"
  "class Counter\n"
  "{\n"
  "    int n;\n"
  "    public string Name { get; set; } = \"c\";\n"
  "    public Counter(string name) { Name = name; }\n"
  "    public async Task AddAsync() { await Task.Delay(10); n++; }\n"
  "    public static string Make() => \"counter\";\n"
  "    public class Part { public static string Make() => \"part\"; }\n"
  "}\n"
  "\n"
  "static class Kitchen\n"
  "{\n"
  "    public static string Make() => \"kitchen\";\n"
  "}\n"
  "\n"
  "async Task Main()\n"
  "{\n"
  "    var c = new Counter(\"a\");\n"
  "    await c.AddAsync();\n"
  "    Console.WriteLine($\"{Counter.Make()} {Counter.Part.Make()} {Kitchen.Make()} {Stage.Done}\");\n"
  "}\n";

/* Classes (several, with instance members and same-named methods), nested classes
 * and enums are kept as written, as nested types of Scenario; only members outside
 * any class get `static`. */
static void
test_layout_classes_kept (void)
{
  AwlCsharpTarget targets[] = { AWL_CSHARP_TARGET_MONO, AWL_CSHARP_TARGET_DOTNET };

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *program = generate_for (classes, targets[t], NULL, &error);
      g_autofree char *part = NULL;
      g_auto(GStrv) lines = NULL;
      g_auto(GStrv) source = g_strsplit (classes, "\n", -1);

      g_assert_no_error (error);
      part = scenario_part (program);
      g_assert_cmpuint (count_lines (part), ==, count_lines (classes));
      lines = g_strsplit (part, "\n", -1);
      /* Every class line is as written, but the awaited delay. */
      for (guint i = 1; i <= 16; i++)
        if (i != 8)
          g_assert_cmpstr (lines[i], ==, source[i]);
      g_assert_cmpstr (lines[8], ==, "    public async Task AddAsync() { await SimWorld.Delay(10); n++; }");
      g_assert_cmpstr (lines[18], ==, "async static Task ScenarioMain()");
      g_assert_nonnull (strstr (program, "      return ScenarioMain ();\n"));
    }
}

static const char *top_level =
  "// @title Top level\n"
  "using System.Linq;\n"
  "\n"
  "var c = new Counter();\n"
  "Console.WriteLine(\"start\");\n"
  "int bonus = 3;\n"
  "await Task.Delay(50);\n"
  "Console.WriteLine(Twice(bonus));\n"
  "\n"
  "static int Twice(int x) => x * 2;\n"
  "\n"
  "class Counter { public int N; }\n";

/* Mono (mcs has no local functions): the statements' lines move into AwaitlabTopLevel
 * behind `#line`, the typed declaration and the method among them stay members. */
static void
test_layout_top_level_mono (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = generate_for (top_level, AWL_CSHARP_TARGET_MONO, NULL, &error);
  g_autofree char *part = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  part = scenario_part (program);
  g_assert_cmpuint (count_lines (part), ==, count_lines (top_level));
  lines = g_strsplit (part, "\n", -1);
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_cmpstr (lines[4], ==, "");
  g_assert_cmpstr (lines[5], ==, "static int bonus = 3;");
  g_assert_cmpstr (lines[6], ==, "");
  g_assert_cmpstr (lines[9], ==, "static int Twice(int x) => x * 2;");
  g_assert_cmpstr (lines[11], ==, "class Counter { public int N; }");
  g_assert_nonnull (strstr (program,
                            "#line default\n"
                            "    static async global::System.Threading.Tasks.Task AwaitlabTopLevel (string[] args)\n"
                            "    {\n"
                            "#line 4 \"t.csx\"\n"
                            "var c = new Counter();\n"
                            "Console.WriteLine(\"start\");\n"
                            "#line 7 \"t.csx\"\n"
                            "await SimWorld.Delay(50);\n"
                            "Console.WriteLine(Twice(bonus));\n"
                            "#line default\n"
                            "    }\n"));
  g_assert_nonnull (strstr (program, "      return AwaitlabTopLevel (new string[0]);\n"));
}

/* .NET: the statements stay where they are, wrapped in AwaitlabTopLevel; what is
 * declared among them is local to it, as C# compiles top-level statements. */
static void
test_layout_top_level_dotnet (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = generate_for (top_level, AWL_CSHARP_TARGET_DOTNET, NULL, &error);
  g_autofree char *part = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  part = scenario_part (program);
  g_assert_cmpuint (count_lines (part), ==, count_lines (top_level));
  lines = g_strsplit (part, "\n", -1);
  g_assert_cmpstr (lines[3], ==, "static async global::System.Threading.Tasks.Task AwaitlabTopLevel "
                                 "(string[] args) { var c = new Counter();");
  g_assert_cmpstr (lines[5], ==, "int bonus = 3;");
  g_assert_cmpstr (lines[6], ==, "await SimWorld.Delay(50);");
  g_assert_cmpstr (lines[9], ==, "static int Twice(int x) => x * 2; }");
  g_assert_cmpstr (lines[11], ==, "class Counter { public int N; }");
  g_assert_nonnull (strstr (program, "      return AwaitlabTopLevel (new string[0]);\n"));
}

/* An entry in a nested class is reached through forwarders, innermost first. */
static void
test_layout_entry_in_nested_class (void)
{
  const char *text =
    "// @title Nested entry\n"
    "namespace Shop\n"
    "{\n"
    "    class Outer\n"
    "    {\n"
    "        class Inner\n"
    "        {\n"
    "            static void Main() { Console.WriteLine(\"hi\"); }\n"
    "        }\n"
    "    }\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *program = generate_for (text, AWL_CSHARP_TARGET_MONO, NULL, &error);
  g_autofree char *part = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  part = scenario_part (program);
  lines = g_strsplit (part, "\n", -1);
  g_assert_cmpstr (g_strstrip (lines[1]), ==, "");
  g_assert_cmpstr (g_strstrip (lines[2]), ==, "");
  g_assert_cmpstr (lines[8], ==, "        internal static global::System.Threading.Tasks.Task AwaitlabEntry "
                                 "(int request) { ScenarioMain (); return null; } }");
  g_assert_cmpstr (lines[9], ==, "    internal static global::System.Threading.Tasks.Task AwaitlabEntry "
                                 "(int request) { return Inner.AwaitlabEntry (request); } }");
  g_assert_cmpstr (g_strstrip (lines[10]), ==, "");
  g_assert_nonnull (strstr (program, "      return Outer.AwaitlabEntry (request);\n"));
}

/* What cannot be laid out is refused with the reason, never written wrong: statements
 * after a type (not C#: CS8803) on both targets; local functions and target-typed
 * `new()` on Mono only. */
static void
test_layout_refused (void)
{
  const struct { const char *text; gboolean mono_only; const char *reason; } cases[] = {
    { "// @title After\n"
      "class Counter { public int N; }\n"
      "Console.WriteLine(\"late\");\n", FALSE, "CS8803" },
    { "// @title Named Scenario\n"
      "class Scenario { public static int N; }\n"
      "void Main() { Console.WriteLine(Scenario.N); }\n", FALSE, "`Scenario`" },
    { "// @title Local\n"
      "void Main()\n"
      "{\n"
      "    int Twice(int x) => x * 2;\n"
      "    Console.WriteLine(Twice(2));\n"
      "}\n", TRUE, "local functions" },
    { "// @title Target-typed\n"
      "class Counter { public int N; }\n"
      "void Main()\n"
      "{\n"
      "    Counter c = new();\n"
      "    Console.WriteLine(c.N);\n"
      "}\n", TRUE, "C# 9" },
  };
  AwlCsharpTarget targets[] = { AWL_CSHARP_TARGET_MONO, AWL_CSHARP_TARGET_DOTNET };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *program = generate_for (cases[i].text, targets[t], NULL, &error);

        if (cases[i].mono_only && targets[t] == AWL_CSHARP_TARGET_DOTNET)
          {
            g_assert_no_error (error);
            continue;
          }
        g_assert_null (program);
        g_assert_error (error, AWL_CSHARP_ERROR, AWL_CSHARP_ERROR_NOT_EXPORTABLE);
        g_assert_nonnull (strstr (error->message, cases[i].reason));
      }
}

/* The scenario's usings are blanked where they stand and the useful ones go to the
 * top of the program: on .NET every System.* one the prelude does not import (not
 * the UI frameworks'), on Mono only those its default assemblies have. */
static void
test_layout_usings (void)
{
  const char *text =
    "// @title Usings\n"
    "using System.Collections.Concurrent;\n"
    "using System.Windows.Forms;\n"
    "using static System.Math;\n"
    "using   System.Linq ;\n"
    "void Main() { Console.WriteLine(1); }\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dotnet = generate_for (text, AWL_CSHARP_TARGET_DOTNET, NULL, &error);
  g_autofree char *mono = NULL;
  g_autofree char *part = NULL;
  const char *prelude_start;

  g_assert_no_error (error);
  prelude_start = strstr (dotnet, "// Awaitlab's C# prelude");
  g_assert_nonnull (prelude_start);
  g_assert_true (strstr (dotnet, "\nusing System.Collections.Concurrent;\n") < prelude_start);
  g_assert_true (strstr (dotnet, "\nusing static System.Math;\n") < prelude_start);
  g_assert_null (strstr (dotnet, "using System.Windows.Forms;"));
  g_assert_null (strstr (dotnet, "using   System.Linq ;"));
  part = scenario_part (dotnet);
  g_assert_null (strstr (part, "using"));

  mono = generate_for (text, AWL_CSHARP_TARGET_MONO, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (mono, "\nusing System.Collections.Concurrent;\n"));
  g_assert_null (strstr (mono, "using static System.Math;"));
}

/* Every sample of our own corpus that the front end reads is written for both
 * targets (compiling and running them is corpus-fidelity's part). */
static void
test_corpus_own_generates (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "scenario", "corpus-own", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  AwlCsharpTarget targets[] = { AWL_CSHARP_TARGET_MONO, AWL_CSHARP_TARGET_DOTNET };
  const char *name;
  guint written = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;

      if (!g_str_has_suffix (name, ".csx"))
        continue;
      path = g_build_filename (dir, name, NULL);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *program = awl_csharp_generate_for (path, text, -1, NULL, targets[t],
                                                              NULL, &error);

          /* A sample the front end cannot read yet says so in its header. */
          if (g_error_matches (error, AWL_CSHARP_ERROR, AWL_CSHARP_ERROR_INVALID) &&
              strstr (text, "// Needs: ") != NULL)
            continue;
          /* A sample written in C# 8 or later (`await foreach` over a channel) is
           * generated for .NET only; Mono's mcs stops at C# 7.2. */
          if (targets[t] == AWL_CSHARP_TARGET_MONO &&
              g_error_matches (error, AWL_CSHARP_ERROR, AWL_CSHARP_ERROR_NOT_EXPORTABLE))
            continue;
          g_assert_no_error (error);
          g_assert_nonnull (strstr (program, "AwaitlabEntry"));
          written++;
        }
    }
  /* 22 samples on each target when this was written; other branches add more. */
  g_assert_cmpuint (written, >=, 2 * 20);
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
  g_test_add_func ("/csharp/generate/usings-blanked-class-kept", test_usings_blanked_class_kept);
  g_test_add_func ("/csharp/generate/ui-entry", test_ui_entry);
  g_test_add_func ("/csharp/generate/web-load", test_web_load);
  g_test_add_func ("/csharp/not-exportable/async-stream", test_not_exportable_async_stream);
  g_test_add_func ("/csharp/not-exportable/await-foreach", test_not_exportable_await_foreach);
  g_test_add_func ("/csharp/prelude", test_prelude);
  g_test_add_func ("/csharp/generate/plain-main-renamed", test_plain_main_renamed);
  g_test_add_func ("/csharp/dotnet/program", test_dotnet_program);
  g_test_add_func ("/csharp/dotnet/bundle-part", test_dotnet_bundle_part);
  g_test_add_func ("/csharp/dotnet/newtonsoft-package", test_newtonsoft_package);
  g_test_add_func ("/csharp/layout/classes-kept", test_layout_classes_kept);
  g_test_add_func ("/csharp/layout/top-level-mono", test_layout_top_level_mono);
  g_test_add_func ("/csharp/layout/top-level-dotnet", test_layout_top_level_dotnet);
  g_test_add_func ("/csharp/layout/entry-in-nested-class", test_layout_entry_in_nested_class);
  g_test_add_func ("/csharp/layout/refused", test_layout_refused);
  g_test_add_func ("/csharp/layout/usings", test_layout_usings);
  g_test_add_func ("/csharp/layout/corpus-own", test_corpus_own_generates);

  return g_test_run ();
}

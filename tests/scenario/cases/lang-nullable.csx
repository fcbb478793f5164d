// @title nullable value types: HasValue, Value, GetValueOrDefault, ??, lifted operators
// Checked against .NET 10 (`dotnet run`, 2026-12-05): the same lines in the same order.
using System;
using System.Threading.Tasks;
class Box { private int? cached; public void Show() { Console.WriteLine(cached); cached = 3; Console.WriteLine(cached + 1); } }
class Program {
  static void Main() {
    int? a = null;
    Console.WriteLine($"[{a}]");
    Console.WriteLine(a == null);
    Console.WriteLine(a > 3);
    a = 5;
    Console.WriteLine(a + 1);
    Console.WriteLine(a ?? 0);
    new Box().Show();
    int? b = null;
    Console.WriteLine(b ?? -1);
    string s = null;
    int? len = s?.Length;
    Console.WriteLine(len == null);
    P2.Run().Wait();
    int c = (int)a;
    Console.WriteLine(c);
  }
}
class P2 {
  static int? Find(int k) => k > 0 ? k * 2 : null;
  static async Task<int?> LoadAsync(bool ok) { await Task.Delay(10); return ok ? 42 : null; }
  static double? avg;
  static bool? flag;
  public static async Task Run() {
    Console.WriteLine(avg.HasValue + " " + avg.GetValueOrDefault() + " [" + flag + "] " + flag.GetValueOrDefault());
    int? r = Find(3);
    Console.WriteLine($"{r.HasValue} {r.Value} {r.GetValueOrDefault(9)}");
    int? l = await LoadAsync(false);
    Console.WriteLine($"{l.HasValue} {l.GetValueOrDefault()} {l.GetValueOrDefault(9)} {l ?? -1}");
    try { Console.WriteLine(l.Value); } catch (InvalidOperationException e) { Console.WriteLine(e.Message); }
    try { int z = (int)l; Console.WriteLine(z); } catch (InvalidOperationException e) { Console.WriteLine("cast: " + e.Message); }
    Console.WriteLine(Find(-1) == null);
  }
}

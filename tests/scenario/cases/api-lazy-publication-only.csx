// @title LazyThreadSafetyMode.PublicationOnly: racing factories, first result wins
// Checked against .NET 10 (`dotnet run`): the same six lines. Without a lock both
// readers run the factory; run 2 finishes first and publishes, so A gets run 2's value
// too; a failed run is not remembered. .NET printed:
//   factory run 1 starts / factory run 2 starts /
//   A got 'value from run 2', B got 'value from run 2', runs: 2 / failed: first try /
//   second read: 42 after 2 attempts / 7 True
using System;
using System.Threading;
using System.Threading.Tasks;

class Program
{
    static int runs;

    static async Task Main()
    {
        var shared = new Lazy<string>(() =>
        {
            int run = Interlocked.Increment(ref runs);
            Console.WriteLine($"factory run {run} starts");
            Thread.Sleep(run == 1 ? 200 : 100);
            return $"value from run {run}";
        }, LazyThreadSafetyMode.PublicationOnly);
        var a = Task.Run(() => shared.Value);
        await Task.Delay(50);
        var b = Task.Run(() => shared.Value);
        string[] got = await Task.WhenAll(a, b);
        Console.WriteLine($"A got '{got[0]}', B got '{got[1]}', runs: {runs}");

        int attempts = 0;
        var flaky = new Lazy<int>(() => { attempts++; if (attempts == 1) throw new TimeoutException("first try"); return 42; },
                                  LazyThreadSafetyMode.PublicationOnly);
        try { Console.WriteLine(flaky.Value); } catch (TimeoutException e) { Console.WriteLine($"failed: {e.Message}"); }
        Console.WriteLine($"second read: {flaky.Value} after {attempts} attempts");
        var locked = new Lazy<int>(() => 7, LazyThreadSafetyMode.ExecutionAndPublication);
        Console.WriteLine($"{locked.Value} {locked.IsValueCreated}");
    }
}

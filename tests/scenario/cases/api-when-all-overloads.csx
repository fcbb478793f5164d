// @title WhenAll<T> collects failures in argument order, WhenAll(Task[]) in the order they fail (netfx: argument order for both)
// C# picks Task.WhenAll<TResult> when every task is statically a Task<T> (arguments,
// Task<int>[], List<Task<int>>, Select, var, Task.Run) and Task.WhenAll(Task[]) as soon
// as one is a plain Task or the element type is Task. Checked against .NET 10.0.401
// (`dotnet run`): every line below is what it printed, in this order; Mono 6.8 (the
// netfx transcript) prints a0 before a1 everywhere except WhenAny.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Program
{
    static async Task<int> FailOf(int ms, string what)
    {
        await Task.Delay(ms);
        throw new InvalidOperationException(what);
    }

    static async Task Fail(int ms, string what)
    {
        await Task.Delay(ms);
        throw new InvalidOperationException(what);
    }

    static async Task Show(string name, Task all)
    {
        try { await all; }
        catch (Exception e) { Console.WriteLine($"{name}: await threw {e.Message}"); }
        foreach (var inner in all.Exception.InnerExceptions)
            Console.WriteLine($"{name}:   {inner.Message}");
    }

    static async Task Main()
    {
        // In every line the first argument fails at 200 ms, the second at 100 ms.
        await Show("Task<int> arguments", Task.WhenAll(FailOf(200, "a0"), FailOf(100, "a1")));
        Task<int>[] array = { FailOf(200, "a0"), FailOf(100, "a1") };
        await Show("Task<int>[]", Task.WhenAll(array));
        var list = new List<Task<int>> { FailOf(200, "a0"), FailOf(100, "a1") };
        await Show("List<Task<int>>", Task.WhenAll(list));
        await Show("Select", Task.WhenAll(new[] { 200, 100 }.Select(ms => FailOf(ms, ms == 200 ? "a0" : "a1"))));
        await Show("Select async lambda", Task.WhenAll(new[] { 200, 100 }.Select(async ms =>
        {
            await Task.Delay(ms);
            if (ms > 0)
                throw new InvalidOperationException(ms == 200 ? "a0" : "a1");
            return ms;
        })));
        var x = FailOf(200, "a0");
        var y = FailOf(100, "a1");
        await Show("var of Task<int>", Task.WhenAll(x, y));
        await Show("Task.Run", Task.WhenAll(
            Task.Run(() => FailOf(200, "a0")),
            Task.Run(async () => { await Task.Delay(100); if (x != null) throw new InvalidOperationException("a1"); return 1; })));
        await Show("Task<int> and Task", Task.WhenAll(FailOf(200, "a0"), Fail(100, "a1")));
        Task asTask = FailOf(200, "a0");
        Task asTask2 = FailOf(100, "a1");
        await Show("Task variables", Task.WhenAll(asTask, asTask2));
        Task[] plainArray = { FailOf(200, "a0"), FailOf(100, "a1") };
        await Show("Task[]", Task.WhenAll(plainArray));
        await Show("Task arguments", Task.WhenAll(Fail(200, "a0"), Fail(100, "a1")));

        Task<int[]> generic = Task.WhenAll(FailOf(200, "a0"), FailOf(100, "a1"));
        try { Console.WriteLine(generic.Result.Length); }
        catch (AggregateException e)
        {
            foreach (var inner in e.InnerExceptions)
                Console.WriteLine($"WhenAll<int>.Result: {inner.Message}");
        }
        Task plain = Task.WhenAll(Fail(200, "a0"), Fail(100, "a1"));
        try { plain.Wait(); }
        catch (AggregateException e)
        {
            foreach (var inner in e.InnerExceptions)
                Console.WriteLine($"WhenAll.Wait(): {inner.Message}");
        }
        try { Task.WaitAll(Fail(200, "a0"), Fail(100, "a1")); }
        catch (AggregateException e)
        {
            foreach (var inner in e.InnerExceptions)
                Console.WriteLine($"WaitAll: {inner.Message}");
        }
        Task<int> first = await Task.WhenAny(FailOf(200, "a0"), FailOf(100, "a1"));
        Console.WriteLine($"WhenAny: {first.Exception.InnerException.Message}");
    }
}

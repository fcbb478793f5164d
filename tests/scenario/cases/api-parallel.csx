// @title Parallel.For, Parallel.ForEach and Parallel.ForEachAsync
// Checked against .NET 10 (`dotnet run`, Cpu.Work as Thread.Sleep): the same four lines.
// ForEach blocks Main, which runs an item itself while the pool runs the others
// (6 items of 10 ms on 4 cores: 20 ms); ForEachAsync keeps at most 2 bodies in flight
// (6 items of 100 ms: 300 ms more).
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Program
{
    static int busy = 0, peak = 0;

    static async Task Main()
    {
        var items = new List<int> { 1, 2, 3, 4, 5, 6 };
        int total = 0;
        Parallel.ForEach(items, x =>
        {
            Cpu.Work(10);
            Interlocked.Add(ref total, x);
        });
        Console.WriteLine($"ForEach total={total}");
        int squares = 0;
        Parallel.For(0, 4, i => Interlocked.Add(ref squares, i * i));
        Console.WriteLine($"For squares={squares}");

        var options = new ParallelOptions { MaxDegreeOfParallelism = 2 };
        await Parallel.ForEachAsync(items, options, async (item, token) =>
        {
            int now = Interlocked.Increment(ref busy);
            if (now > peak) peak = now;
            await Task.Delay(100);
            Interlocked.Decrement(ref busy);
        });
        Console.WriteLine($"ForEachAsync peak={peak}");
        try
        {
            Parallel.ForEach(items, x => { if (x == 1) throw new InvalidOperationException("bad item"); });
        }
        catch (AggregateException e)
        {
            Console.WriteLine($"{e.InnerExceptions.Count} {e.InnerException.Message}");
        }
    }
}

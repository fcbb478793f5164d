// @title ConcurrentDictionary, ConcurrentQueue and ConcurrentBag from pool threads
// Checked against .NET 10 (`dotnet run`): the same eleven lines (thread and times differ:
// .NET finishes the 20 ms delays on whichever pool thread; here Pool-4 at 20 ms).
using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Program
{
    static async Task Main()
    {
        var counts = new ConcurrentDictionary<string, int>();
        var queue = new ConcurrentQueue<int>();
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await Task.Delay(10 * (i % 3));
            counts.AddOrUpdate(i % 2 == 0 ? "even" : "odd", 1, (k, old) => old + 1);
            queue.Enqueue(i);
        })).ToArray();
        await Task.WhenAll(tasks);
        Console.WriteLine($"even={counts["even"]} odd={counts["odd"]} count={counts.Count}");
        Console.WriteLine(counts.TryAdd("even", 100));
        Console.WriteLine(counts.GetOrAdd("zero", k => k.Length));
        Console.WriteLine(counts.GetOrAdd("zero", k => 99));
        if (counts.TryGetValue("odd", out var odd)) Console.WriteLine($"odd is {odd}");
        Console.WriteLine(counts.TryGetValue("none", out int none) + " " + none);
        counts["even"] = 40;
        Console.WriteLine(counts["even"]);
        Console.WriteLine(counts.TryRemove("zero", out int z) + " " + z + " " + counts.ContainsKey("zero"));
        int sum = 0;
        while (queue.TryDequeue(out int item)) sum += item;
        Console.WriteLine($"sum={sum} empty={queue.IsEmpty}");
        var bag = new ConcurrentBag<string>();
        bag.Add("a");
        bag.Add("b");
        Console.WriteLine(bag.TryTake(out var last) + " " + last + " " + bag.Count);
        try { Console.WriteLine(counts["missing"]); }
        catch (System.Collections.Generic.KeyNotFoundException e) { Console.WriteLine(e.Message); }
    }
}

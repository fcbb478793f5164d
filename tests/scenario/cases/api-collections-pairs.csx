// @title Dictionary pairs, Queue, Stack and HashSet
// Checked against .NET 10 (`dotnet run`): the same fifteen lines:
//   apples -> 3 / pears -> 0 / plums -> 12 / apples:3 pears:0 plums:12 /
//   [apples, 3] [pears, 0] [plums, 12] / home has 5 hits / first then second, 2 left /
//   second third / pop 3, peek 2, count 2 / 2 1 / [2][1] / Stack empty. / Queue empty. /
//   True True False 2 True True 1 / 2,1 [apples, 3];[pears, 0];[plums, 12] a
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

class Program
{
    static void Main()
    {
        var stock = new Dictionary<string, int>();
        stock.Add("apples", 3);
        stock.Add("pears", 0);
        stock["plums"] = 12;
        foreach (var kv in stock)
            Console.WriteLine($"{kv.Key} -> {kv.Value}");
        foreach (var (fruit, count) in stock)
            Console.Write($"{fruit}:{count} ");
        Console.WriteLine();
        foreach (KeyValuePair<string, int> pair in stock)
            Console.Write(pair + " ");
        Console.WriteLine();
        var hits = new ConcurrentDictionary<string, int>();
        hits.TryAdd("home", 5);
        foreach (var kv in hits)
            Console.WriteLine($"{kv.Key} has {kv.Value} hits");

        var queue = new Queue<string>();
        queue.Enqueue("first");
        queue.Enqueue("second");
        queue.Enqueue("third");
        Console.WriteLine($"{queue.Dequeue()} then {queue.Peek()}, {queue.Count} left");
        foreach (string s in queue) Console.Write(s + " ");
        Console.WriteLine();
        var stack = new Stack<int>();
        stack.Push(1);
        stack.Push(2);
        stack.Push(3);
        Console.WriteLine($"pop {stack.Pop()}, peek {stack.Peek()}, count {stack.Count}");
        foreach (int n in stack) Console.Write(n + " ");
        Console.WriteLine();
        while (stack.TryPop(out int top)) Console.Write($"[{top}]");
        Console.WriteLine();
        try { stack.Pop(); } catch (InvalidOperationException e) { Console.WriteLine(e.Message); }
        try { new Queue<int>().Dequeue(); } catch (InvalidOperationException e) { Console.WriteLine(e.Message); }
        var seen = new HashSet<string>();
        Console.WriteLine($"{seen.Add("a")} {seen.Add("b")} {seen.Add("a")} {seen.Count} {seen.Contains("b")} {seen.Remove("b")} {seen.Count}");
        Console.WriteLine(string.Join(",", new Stack<int>(new[] { 1, 2 })) + " " + string.Join(";", stock) + " " + string.Join("", seen));
    }
}

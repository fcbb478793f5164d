// @title LINQ over a dictionary, a queue, a stack and a set
// Checked against .NET 10 (`dotnet run`): the same seven lines:
//   coffee: 9 / tea: 4 / water: 2 / total 15, popular 2, first tea / tea,water / coffee /
//   5 415 2 True ab
using System;
using System.Collections.Generic;
using System.Linq;

class Program
{
    static void Main()
    {
        var votes = new Dictionary<string, int>();
        votes.Add("tea", 4);
        votes.Add("coffee", 9);
        votes.Add("water", 2);
        foreach (var kv in votes.OrderByDescending(kv => kv.Value))
            Console.WriteLine($"{kv.Key}: {kv.Value}");
        Console.WriteLine($"total {votes.Sum(kv => kv.Value)}, popular {votes.Count(kv => kv.Value > 3)}, first {votes.First().Key}");
        Console.WriteLine(string.Join(",", votes.Where(kv => kv.Value < 5).Select(kv => kv.Key)));
        var byVotes = votes.ToDictionary(kv => kv.Value, kv => kv.Key);
        Console.WriteLine(byVotes[9]);
        var queue = new Queue<int>(new[] { 5, 1, 4 });
        var stack = new Stack<int>(new[] { 5, 1, 4 });
        var set = new HashSet<string> { "b", "a" };
        Console.WriteLine($"{queue.Max()} {string.Join("", stack.ToList())} {set.Count()} {set.Contains("a")} {string.Join("", set.OrderBy(x => x))}");
    }
}

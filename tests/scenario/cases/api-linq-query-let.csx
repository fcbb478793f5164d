// @title LINQ query syntax with let
// Checked against .NET 10 (`dotnet run`): the same six lines:
//   CONTEXT (7) / THREAD (6) / ASYNC (5) / AWAIT (5) / a: async,await | t: task,thread /
//   2 2 2 1 2 1
using System;
using System.Linq;

class Program
{
    static void Main()
    {
        var words = new[] { "async", "await", "task", "thread", "pool", "context" };
        var query = from w in words
                    let length = w.Length
                    let shout = w.ToUpper()
                    where length > 4
                    orderby length descending, w
                    select $"{shout} ({length})";
        foreach (var line in query)
            Console.WriteLine(line);
        var grouped = from w in words
                      let first = w.Substring(0, 1)
                      group w by first into g
                      where g.Count() > 1
                      select $"{g.Key}: {string.Join(",", g)}";
        Console.WriteLine(string.Join(" | ", grouped));
        var nested = from w in words
                     let n = w.Length
                     select words.Count(other => other.Length == n);
        Console.WriteLine(string.Join(" ", nested));
    }
}

// @title More LINQ: Single, MaxBy/MinBy and the set operators
// Checked against .NET 10 (`dotnet run`): the same seven lines:
//   30 True / slowest fetch, fastest log / Sequence contains more than one matching element /
//   Sequence contains more than one element / 2,3,2,1 | 1,2,3,2,2,4 | 1,2,3,4 /
//   2 | 1,3 | 3 0 / True False 3 4 9
using System;
using System.Collections.Generic;
using System.Linq;

class Job
{
    public string Name;
    public int Ms;
    public Job(string name, int ms) { Name = name; Ms = ms; }
}

class Program
{
    static void Main()
    {
        var jobs = new List<Job> { new Job("fetch", 120), new Job("parse", 30), new Job("save", 120), new Job("log", 5) };
        Console.WriteLine($"{jobs.Single(j => j.Name == "parse").Ms} {jobs.SingleOrDefault(j => j.Ms > 500) == null}");
        Console.WriteLine($"slowest {jobs.MaxBy(j => j.Ms).Name}, fastest {jobs.MinBy(j => j.Ms).Name}");
        try { jobs.Single(j => j.Ms == 120); } catch (InvalidOperationException e) { Console.WriteLine(e.Message); }
        try { jobs.Single(); } catch (InvalidOperationException e) { Console.WriteLine(e.Message); }
        var a = new[] { 1, 2, 3, 2 };
        var b = new List<int> { 2, 4 };
        Console.WriteLine(string.Join(",", a.Reverse()) + " | " + string.Join(",", a.Concat(b)) + " | " + string.Join(",", a.Union(b)));
        Console.WriteLine(string.Join(",", a.Intersect(b)) + " | " + string.Join(",", a.Except(b)) + " | " + a.ElementAt(2) + " " + a.ElementAtOrDefault(10));
        Console.WriteLine($"{a.SequenceEqual(new[] { 1, 2, 3, 2 })} {a.SequenceEqual(b)} {a.ToHashSet().Count} {a.AsEnumerable().Count()} {new[] { 9 }.Single()}");
    }
}

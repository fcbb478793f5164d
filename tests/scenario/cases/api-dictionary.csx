// @title Dictionary basics
// .NET 10 (dotnet run, 2026-12-05) prints the same eight lines.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

static async Task Main()
{
    var cache = new Dictionary<string, int>();
    cache.Add("alice", 3);
    cache["bob"] = 5;
    Console.WriteLine($"count {cache.Count}, has bob: {cache.ContainsKey("bob")}");
    if (cache.TryGetValue("alice", out var n))
        Console.WriteLine($"alice has {n}");
    Console.WriteLine($"carol found: {cache.TryGetValue("carol", out int m)} ({m})");
    Console.WriteLine($"TryAdd bob: {cache.TryAdd("bob", 9)}, bob is {cache["bob"]}");
    try { cache.Add("alice", 4); }
    catch (ArgumentException e) { Console.WriteLine(e.Message); }
    try { Console.WriteLine(cache["dave"]); }
    catch (KeyNotFoundException e) { Console.WriteLine(e.Message); }
    await Task.Delay(10);
    Console.WriteLine($"removed alice: {cache.Remove("alice")}, again: {cache.Remove("alice")}");
    Console.WriteLine($"keys: {string.Join(", ", cache.Keys)}; values: {string.Join(", ", cache.Values)}");
}

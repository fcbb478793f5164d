// @title Changing a collection inside its foreach
// Checked against .NET 10 (`dotnet run`): the same eight lines. A Dictionary may have
// values overwritten and keys removed inside its foreach (.NET Core 3.0 and later), but
// a new key (also while walking its Keys), or any change to a List (even list[0] = …),
// Queue, Stack or HashSet ends the loop with InvalidOperationException at the next
// item; an array's elements may change.
// On .NET Framework (Mono, `--set runtime=netfx`) an overwrite and a Remove throw too:
// build-aux/fidelity compared both runtimes equal.
using System;
using System.Collections.Generic;

class Program
{
    static void Main()
    {
        var d = new Dictionary<string, int>();
        d.Add("a", 1);
        d.Add("b", 2);
        try { foreach (var kv in d) d[kv.Key] = kv.Value * 10; Console.WriteLine($"overwrote: {d["a"]} {d["b"]}"); }
        catch (InvalidOperationException e) { Console.WriteLine("overwrite: " + e.Message); }
        try { foreach (var kv in d) d.Remove(kv.Key); Console.WriteLine($"removed, {d.Count} left"); }
        catch (InvalidOperationException e) { Console.WriteLine("remove: " + e.Message); }
        d.Add("c", 3);
        try { foreach (var kv in d) d.Add(kv.Key + "2", 0); }
        catch (InvalidOperationException e) { Console.WriteLine("add: " + e.Message); }
        var list = new List<int> { 1, 2, 3 };
        try { foreach (int x in list) list[0] = x; }
        catch (InvalidOperationException e) { Console.WriteLine("list set: " + e.Message); }
        try { foreach (int x in list) if (x == 2) list.Remove(x); }
        catch (InvalidOperationException e) { Console.WriteLine("list remove: " + e.Message); }
        try { foreach (var k in d.Keys) d.Add(k + "3", 0); }
        catch (InvalidOperationException e) { Console.WriteLine("keys: " + e.Message); }
        var arr = new[] { 1, 2 };
        foreach (int x in arr) arr[0] = 9;
        Console.WriteLine($"array {arr[0]}");
        var q = new Queue<int>(new[] { 1, 2 });
        try { foreach (int x in q) q.Enqueue(x); }
        catch (InvalidOperationException e) { Console.WriteLine("queue: " + e.Message); }
    }
}

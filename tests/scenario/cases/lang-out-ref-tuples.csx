// @title out/ref arguments, tuples and deconstruction
// Checked against .NET 10 (`dotnet run`): every line below printed the same text;
// the awaited tuple arrives after the 100 ms delay on a pool thread, as in .NET.
using System;
using System.Threading.Tasks;

class Program
{
    static bool TryHalf(int x, out int half)
    {
        if (x % 2 != 0) { half = 0; return false; }
        half = x / 2;
        return true;
    }

    static void Swap(ref int a, ref int b) { int t = a; a = b; b = t; }

    static (int Count, string Name) Make() => (3, "three");

    static async Task<(int, string)> FetchAsync()
    {
        await Task.Delay(100);
        return (7, "seven");
    }

    static async Task Main()
    {
        if (int.TryParse("42", out var n)) Console.WriteLine($"parsed {n}");   // parsed 42
        Console.WriteLine(int.TryParse("x", out int bad) + " " + bad);       // False 0
        if (TryHalf(10, out var h)) Console.WriteLine($"half {h}");           // half 5
        Console.WriteLine(TryHalf(7, out _));                                 // False
        int p = 1, q = 2;
        Swap(ref p, ref q);
        Console.WriteLine($"{p} {q}");                                        // 2 1
        (int, string) t = (1, "a");
        Console.WriteLine(t);                                                 // (1, a)
        Console.WriteLine(t.Item1 + t.Item2);                                 // 1a
        var m = Make();
        Console.WriteLine($"{m.Count} {m.Name} {m.Item1}");                   // 3 three 3
        var (a, b) = Make();
        Console.WriteLine($"{a}/{b}");                                        // 3/three
        var (x, y) = await FetchAsync();
        Console.WriteLine($"{x}-{y}");                                        // 7-seven
        (p, q) = (q, p);
        Console.WriteLine($"{p} {q}");                                        // 1 2
        var named = (Count: 2, Label: "x");
        Console.WriteLine($"{named.Label} {named}");                          // x (2, x)
        (string first, int second) = ("one", 1);
        Console.WriteLine(first + second);                                    // one1
    }
}

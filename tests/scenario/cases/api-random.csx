// @title System.Random: a seeded generator gives .NET's own numbers
// Checked against .NET 10 (dotnet run): the expected output is what it printed.
using System;
using System.Threading.Tasks;

class Program
{
    static readonly Random dice = new Random(2024);

    static async Task<int> RollAsync()
    {
        await Task.Delay(dice.Next(50, 150));
        return dice.Next(1, 7);
    }

    static async Task Main()
    {
        int a = await RollAsync(), b = await RollAsync();
        Console.WriteLine($"rolled {a} and {b}");
        var jitter = new Random(7);
        for (int attempt = 1; attempt <= 3; attempt++)
            Console.WriteLine($"retry {attempt} after {100 * attempt + jitter.Next(25)} ms, {jitter.NextDouble():F4}");
        Console.WriteLine($"{jitter.Next()} {jitter.Next(-10, 10)} {jitter.Next(int.MinValue, int.MaxValue)}");
    }
}

// @title Aggregate and Zip
// Checked against .NET 10 (`dotnet run`): the same six lines:
//   a.org=500, bbb.org=700, cc.org=600 / 1800 / sites: a.org bbb.org cc.org /
//   largest 700 / Sequence contains no elements / 50
using System;
using System.Linq;
using System.Threading.Tasks;

class Program
{
    static async Task<int> SizeAsync(string url)
    {
        await Task.Delay(20);
        return url.Length * 100;
    }

    static async Task Main()
    {
        var urls = new[] { "a.org", "bbb.org", "cc.org" };
        int[] sizes = await Task.WhenAll(urls.Select(SizeAsync));
        Console.WriteLine(string.Join(", ", urls.Zip(sizes, (u, n) => $"{u}={n}")));
        Console.WriteLine(sizes.Aggregate((a, b) => a + b));
        Console.WriteLine(urls.Aggregate("sites:", (acc, u) => acc + " " + u));
        Console.WriteLine(sizes.Aggregate(0, (acc, n) => Math.Max(acc, n), max => $"largest {max}"));
        try { new int[0].Aggregate((a, b) => a + b); } catch (InvalidOperationException e) { Console.WriteLine(e.Message); }
        Console.WriteLine(new[] { 1, 2, 3 }.Zip(new[] { 10, 20 }, (a, b) => a * b).Sum());
    }
}

// @title Select and Where with the item's index
// Checked against .NET 10 (`dotnet run`): the same two lines:
//   0:a.example 1:b.example 2:c.example / a.example c.example
using System;
using System.Linq;
using System.Threading.Tasks;

class Program
{
    static async Task<string> FetchAsync(string url, int slot)
    {
        await Task.Delay(10 * (3 - slot));
        return $"{slot}:{url}";
    }

    static async Task Main()
    {
        var urls = new[] { "a.example", "b.example", "c.example" };
        string[] pages = await Task.WhenAll(urls.Select((url, i) => FetchAsync(url, i)));
        Console.WriteLine(string.Join(" ", pages));
        Console.WriteLine(string.Join(" ", urls.Where((u, i) => i % 2 == 0)));
    }
}

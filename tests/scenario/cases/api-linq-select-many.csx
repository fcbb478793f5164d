// @title SelectMany: the pages of every site in one list
// Checked against .NET 10 (`dotnet run`): the same two lines:
//   4: a.org/home a.org/about bb.org/home bb.org/about / to|be|or|not
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Program
{
    static async Task<List<string>> PagesAsync(string site)
    {
        await Task.Delay(site.Length * 10);
        return new List<string> { site + "/home", site + "/about" };
    }

    static async Task Main()
    {
        var sites = new[] { "a.org", "bb.org" };
        List<string>[] perSite = await Task.WhenAll(sites.Select(PagesAsync));
        var all = perSite.SelectMany(pages => pages).ToList();
        Console.WriteLine($"{all.Count}: {string.Join(" ", all)}");
        var words = new[] { "to be", "or not" }.SelectMany(line => line.Split(' '));
        Console.WriteLine(string.Join("|", words));
    }
}

// @title Fetch every URL at once and add up the sizes
// Modelled on: the documentation's "start tasks with LINQ Select, then Task.WhenAll"
// walkthrough that sums the lengths of several downloads. Our own code.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class PageClient
{
    private int requests;

    public async Task<int> LengthAsync(string url, int ms)
    {
        requests++;
        string body = await Http.GetAsync(url, ms);
        Console.WriteLine($"{url.Substring(url.LastIndexOf('/') + 1)}: {body.Length}");
        return body.Length;
    }

    public int Requests => requests;
}

class Page
{
    public string Url { get; set; }
    public int Ms { get; set; }
}

class Program
{
    static async Task Main()
    {
        var client = new PageClient();
        var pages = new List<Page>
        {
            new Page { Url = "https://news.example.org/world", Ms = 120 },
            new Page { Url = "https://news.example.org/sport", Ms = 60 },
            new Page { Url = "https://news.example.org/weather", Ms = 200 },
        };

        IEnumerable<Task<int>> downloads = pages.Select(p => client.LengthAsync(p.Url, p.Ms));
        int[] lengths = await Task.WhenAll(downloads.ToList());

        Console.WriteLine($"{client.Requests} requests, {lengths.Sum()} chars, longest {lengths.Max()}");
    }
}

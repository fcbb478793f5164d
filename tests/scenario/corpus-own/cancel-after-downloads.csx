// @title Downloads cancelled with CancelAfter
// Modelled on: the TAP documentation's "cancel async tasks after a period of time":
// a CancellationTokenSource with CancelAfter, a list of URLs fetched one by one with
// the token, OperationCanceledException caught at the top. Our own code.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class SiteSizer
{
    private readonly List<string> urls = new List<string>
    {
        "https://docs.example.org/intro",
        "https://docs.example.org/tasks",
        "https://docs.example.org/threads",
        "https://docs.example.org/contexts",
    };

    public int Total { get; private set; }

    public async Task SumPageSizesAsync(CancellationToken token)
    {
        foreach (string url in urls)
        {
            string page = await Http.GetAsync(url, 200, token);
            Total += page.Length;
            Console.WriteLine($"{url}: {page.Length} chars");
        }
    }
}

class Program
{
    static async Task Main()
    {
        var sizer = new SiteSizer();
        using (var cts = new CancellationTokenSource())
        {
            cts.CancelAfter(300);
            try
            {
                await sizer.SumPageSizesAsync(cts.Token);
                Console.WriteLine("all pages read");
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("Tasks cancelled: timed out.");
            }
        }
        Console.WriteLine($"read {sizer.Total} chars before stopping");
    }
}

// @title Throttled downloads with SemaphoreSlim
// Modelled on: the common "limit the number of concurrent requests" answer:
// SemaphoreSlim.WaitAsync / Release around each download, all started with LINQ and
// awaited with Task.WhenAll. Our own code.
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Downloader
{
    private readonly SemaphoreSlim slots;
    private int running;

    public Downloader(int parallel)
    {
        slots = new SemaphoreSlim(parallel);
    }

    public int Peak { get; private set; }

    public async Task<int> DownloadAsync(int id)
    {
        await slots.WaitAsync();
        try
        {
            running++;
            Peak = Math.Max(Peak, running);
            Console.WriteLine($"file {id} started ({running} running)");
            string body = await Http.GetAsync($"https://files.example.org/{id}", 100 + id * 40);
            running--;
            return body.Length;
        }
        finally
        {
            slots.Release();
        }
    }
}

class Program
{
    static async Task Main()
    {
        var downloader = new Downloader(2);
        int[] sizes = await Task.WhenAll(Enumerable.Range(1, 6).Select(id => downloader.DownloadAsync(id)));
        Console.WriteLine($"{sizes.Length} files, {sizes.Sum()} bytes, at most {downloader.Peak} at once");
    }
}

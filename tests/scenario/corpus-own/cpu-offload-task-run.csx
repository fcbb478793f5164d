// @title CPU-bound work offloaded with Task.Run
// @cores 2
// Modelled on: the documentation's guidance "use Task.Run for CPU-bound work": image
// thumbnails computed in parallel on the pool and gathered with WhenAll. Our own code.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Thumbnailer
{
    public int Size { get; }

    public Thumbnailer(int size)
    {
        Size = size;
    }

    public string Render(string photo, int cost)
    {
        Cpu.Work(cost);
        return $"{photo}@{Size}px";
    }
}

class Program
{
    static async Task Main()
    {
        var thumbnailer = new Thumbnailer(128);
        var photos = new List<string> { "beach", "forest", "city", "harbour" };

        Console.WriteLine($"rendering {photos.Count} photos on {Environment.ProcessorCount} cores");
        Task<string>[] jobs = photos.Select(p => Task.Run(() => thumbnailer.Render(p, 100))).ToArray();
        string[] thumbs = await Task.WhenAll(jobs);
        Console.WriteLine(string.Join(", ", thumbs.OrderBy(t => t)));
        Console.WriteLine($"{thumbs.Count(t => t.Contains("@128px"))} thumbnails ready");
    }
}

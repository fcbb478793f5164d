// @title Sync over async on the thread pool
// @cores 2
// Modelled on: the well-known thread-pool starvation demonstration: work items each
// block in .Result on an async call, so the pool needs more threads than cores before
// the continuations can run (.NET 6+ adds them as soon as a pool thread blocks).
// Our own code.
using System;
using System.Linq;
using System.Threading.Tasks;

class LegacyGateway
{
    public async Task<int> LookupAsync(int id)
    {
        await Task.Delay(100);
        return id * 10;
    }

    // The synchronous facade that blocks a pool thread per call.
    public int Lookup(int id) => LookupAsync(id).Result;
}

class Program
{
    static async Task Main()
    {
        var gateway = new LegacyGateway();
        var calls = Enumerable.Range(1, 4).Select(id => Task.Run(() => gateway.Lookup(id))).ToArray();
        int[] results = await Task.WhenAll(calls);
        Console.WriteLine($"sum {results.Sum()} after the pool grew");
    }
}

// @title Parallel.ForEachAsync with a degree of parallelism
// Needs: Parallel.ForEachAsync and ParallelOptions (w/everyday)
// Modelled on: the .NET 6 way to process a list with bounded concurrency,
// Parallel.ForEachAsync with MaxDegreeOfParallelism. Our own code.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Program
{
    static async Task Main()
    {
        var invoices = new List<int> { 101, 102, 103, 104, 105, 106 };
        int sent = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = 3 };
        await Parallel.ForEachAsync(invoices, options, async (invoice, token) =>
        {
            await Http.GetAsync($"https://billing.example.org/send/{invoice}", 100, token);
            Interlocked.Increment(ref sent);
        });
        Console.WriteLine($"{sent} invoices sent");
    }
}

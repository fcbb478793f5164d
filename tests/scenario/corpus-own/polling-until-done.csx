// @title Polling a job until it is done, with a deadline
// Modelled on: the common "poll with Task.Delay in a loop until the server says done"
// pattern, bounded by a CancellationToken. Our own code.
using System;
using System.Threading;
using System.Threading.Tasks;

class ExportJob
{
    private int polls;

    public string Id { get; }

    public ExportJob(string id)
    {
        Id = id;
    }

    public async Task<bool> IsDoneAsync(CancellationToken token)
    {
        await Http.GetAsync($"https://export.example.org/jobs/{Id}", 40, token);
        polls++;
        return polls >= 4;
    }
}

class Program
{
    static async Task<int> WaitForAsync(ExportJob job, int intervalMs, CancellationToken token)
    {
        int rounds = 0;
        while (!await job.IsDoneAsync(token))
        {
            rounds++;
            Console.WriteLine($"{job.Id}: not yet (round {rounds})");
            await Task.Delay(intervalMs, token);
        }
        return rounds;
    }

    static async Task Main()
    {
        var cts = new CancellationTokenSource(1000);
        int rounds = await WaitForAsync(new ExportJob("invoices"), 100, cts.Token);
        Console.WriteLine($"invoices: done after {rounds} waits");

        var tight = new CancellationTokenSource(330);
        try
        {
            await WaitForAsync(new ExportJob("archive"), 150, tight.Token);
        }
        catch (TaskCanceledException)
        {
            Console.WriteLine("archive: gave up at the deadline");
        }
    }
}

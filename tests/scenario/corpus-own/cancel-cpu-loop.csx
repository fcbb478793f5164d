// @title Cooperative cancellation of CPU-bound work
// @cores 2
// Modelled on: the common "ThrowIfCancellationRequested in a loop" pattern for
// cancelling CPU-bound work started with Task.Run and a token. Our own code.
using System;
using System.Threading;
using System.Threading.Tasks;

class ReportBuilder
{
    public int PagesDone { get; private set; }

    public void Build(int pages, CancellationToken token)
    {
        for (int page = 1; page <= pages; page++)
        {
            token.ThrowIfCancellationRequested();
            Cpu.Work(150);
            PagesDone = page;
        }
    }
}

class Program
{
    static async Task Main()
    {
        var builder = new ReportBuilder();
        var cts = new CancellationTokenSource();
        Task work = Task.Run(() => builder.Build(10, cts.Token), cts.Token);

        await Task.Delay(375);
        Console.WriteLine($"cancelling after page {builder.PagesDone}");
        cts.Cancel();
        try
        {
            await work;
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine($"stopped; status {work.Status}, {builder.PagesDone} pages built");
        }
    }
}

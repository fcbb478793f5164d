// @title Progress in a console app: handlers on pool threads
// Checked against .NET 10 (`dotnet run`): the same six lines. Progress<T> captured no
// SynchronizationContext (a console app), so each Report queues the handler and the
// ProgressChanged event to the pool: Report returns first, the handler runs later on a
// pool thread. .NET printed:
//   Report returned before the handler ran / handler 1 on pool: True / event 1 /
//   handler 2 on pool: True / event 2 / done
using System;
using System.Threading;
using System.Threading.Tasks;

class Program
{
    static async Task Main()
    {
        var progress = new Progress<int>(n =>
        {
            Console.WriteLine($"handler {n} on pool: {Thread.CurrentThread.IsThreadPoolThread}");
        });
        IProgress<int> reporter = progress;
        progress.ProgressChanged += (sender, n) => Console.WriteLine($"event {n}");
        reporter.Report(1);
        Console.WriteLine("Report returned before the handler ran");
        await Task.Delay(100);
        reporter.Report(2);
        await Task.Delay(100);
        Console.WriteLine("done");
    }
}

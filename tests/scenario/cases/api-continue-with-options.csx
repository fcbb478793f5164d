// @title ContinueWith with TaskContinuationOptions
// Checked against .NET 10 (`dotnet run`): the same six lines; the OnlyOnFaulted
// continuation runs on a pool thread when FailAsync faults at 100 ms.
using System;
using System.Threading;
using System.Threading.Tasks;

class Program
{
    static async Task<int> FailAsync()
    {
        await Task.Delay(100);
        throw new InvalidOperationException("boom");
    }

    static async Task Main()
    {
        Task<int> failing = FailAsync();
        Task onFault = failing.ContinueWith(t => Console.WriteLine($"faulted: {t.Exception.InnerException.Message} on pool={Thread.CurrentThread.IsThreadPoolThread}"),
                                            TaskContinuationOptions.OnlyOnFaulted);
        Task onSuccess = failing.ContinueWith(t => Console.WriteLine("never printed"),
                                              TaskContinuationOptions.OnlyOnRanToCompletion);
        try { await onFault; Console.WriteLine($"onFault: {onFault.Status}"); }
        catch (Exception e) { Console.WriteLine(e.GetType().Name); }
        try { await onSuccess; }
        catch (TaskCanceledException) { Console.WriteLine($"onSuccess: {onSuccess.Status}"); }

        Task<int> ok = Task.Delay(50).ContinueWith(t => 42, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously);
        Console.WriteLine(await ok);
        var cts = new CancellationTokenSource();
        cts.Cancel();
        var canceled = Task.FromCanceled(cts.Token);
        await canceled.ContinueWith(t => Console.WriteLine($"canceled: {t.IsCanceled}"), TaskContinuationOptions.OnlyOnCanceled);
        var skipped = canceled.ContinueWith(t => Console.WriteLine("not on canceled"), TaskContinuationOptions.NotOnCanceled);
        Console.WriteLine($"skipped: {skipped.Status}");
    }
}

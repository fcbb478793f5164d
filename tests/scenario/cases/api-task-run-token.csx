// @title Task.Run with a token
// .NET 10 (dotnet run, 2026-12-05) prints the same lines: Canceled, Faulted, Faulted, Canceled,
// and "already canceled: Canceled, TaskCanceledException, ran=False".
using System;
using System.Threading;
using System.Threading.Tasks;

static Task Fail()
{
    throw new OperationCanceledException();
}

static void Main()
{
    ThreadPool.SetMinThreads(8, 8);
    var cts = new CancellationTokenSource();
    var other = new CancellationTokenSource();
    other.Cancel();
    var same = Task.Run(() => { Thread.Sleep(50); cts.Token.ThrowIfCancellationRequested(); }, cts.Token);
    var foreign = Task.Run(() => { Thread.Sleep(50); other.Token.ThrowIfCancellationRequested(); }, cts.Token);
    var notoken = Task.Run(() => { Thread.Sleep(50); cts.Token.ThrowIfCancellationRequested(); });
    var returnsTask = Task.Run(() => Fail());
    Thread.Sleep(20);
    cts.Cancel();
    try { Task.WaitAll(same, foreign, notoken, returnsTask); } catch (AggregateException) { }
    Console.WriteLine($"same token: {same.Status}");
    Console.WriteLine($"other token: {foreign.Status}");
    Console.WriteLine($"Task.Run without a token: {notoken.Status}");
    Console.WriteLine($"a Func<Task> delegate throwing: {returnsTask.Status}");
    bool ran = false;
    var late = Task.Run(() => { ran = true; }, cts.Token);
    try { late.Wait(); }
    catch (AggregateException e) { Console.WriteLine($"already canceled: {late.Status}, {e.InnerException.GetType().Name}, ran={ran}"); }
}

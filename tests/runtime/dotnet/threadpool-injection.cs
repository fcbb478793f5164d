// When does the pool add threads while its threads are blocked?
// Usage: DOTNET_PROCESSOR_COUNT=2 dotnet run threadpool-injection.cs -- MODE N BLOCK_MS [AT_MS]
//   sleep: N work items (QueueUserWorkItem, global queue) each Thread.Sleep(BLOCK_MS)
//          — blocking the pool does not know about: starvation injection only;
//   wait:  N work items each blocking in Task.Delay(BLOCK_MS).Wait() — a task wait:
//          blocking compensation.
// AT_MS (default 0): the main thread sleeps that long before queueing (the pool is not
// touched before), to see whether the gate's 500 ms ticks count from process start or
// from the first request for a worker.
// Prints the start time of every item (ms since the first was queued) and its thread.
using System.Diagnostics;

string mode = args.Length > 0 ? args[0] : "sleep";
int n = args.Length > 1 ? int.Parse(args[1]) : 12;
int blockMs = args.Length > 2 ? int.Parse(args[2]) : 6000;
int atMs = args.Length > 3 ? int.Parse(args[3]) : 0;

// Warm up the JIT for the lambdas' code paths off the pool.
Stopwatch.StartNew().Elapsed.TotalMilliseconds.ToString();
var starts = new double[n];
var threads = new int[n];
using var done = new CountdownEvent(n);
var process = Stopwatch.StartNew();
if (atMs > 0)
    Thread.Sleep(atMs);
var sw = Stopwatch.StartNew();
for (int i = 0; i < n; i++)
{
    int k = i;
    ThreadPool.QueueUserWorkItem(_ =>
    {
        starts[k] = sw.Elapsed.TotalMilliseconds;
        threads[k] = Environment.CurrentManagedThreadId;
        if (mode == "wait")
            Task.Delay(blockMs).Wait();
        else
            Thread.Sleep(blockMs);
        done.Signal();
    });
}
done.Wait();
var order = Enumerable.Range(0, n).OrderBy(i => starts[i]).ToArray();
Console.WriteLine($"{mode} n={n} block={blockMs} at={atMs} cores={Environment.ProcessorCount}: "
                  + string.Join(", ", order.Select(i => Math.Round(starts[i]).ToString())));

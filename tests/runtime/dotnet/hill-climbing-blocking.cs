// Question 39 on .NET 10: 80 requests per second for one second arrive at the pool
// (QueueUserWorkItem from a non-pool thread, as a server's I/O completions do); each
// blocks its pool thread for 100 ms in synchronous I/O (Thread.Sleep: no blocking
// compensation, that is only for task waits). Does the pool add threads while its
// threads are blocked, and when does the last request finish?
// Usage: DOTNET_PROCESSOR_COUNT=4 dotnet run hill-climbing-blocking.cs -- [RPS] [SECONDS] [BLOCK_MS]
using System.Diagnostics;

int rps = args.Length > 0 ? int.Parse(args[0]) : 80;
double seconds = args.Length > 1 ? double.Parse(args[1]) : 1.0;
int blockMs = args.Length > 2 ? int.Parse(args[2]) : 100;
int n = (int)Math.Round(rps * seconds);

var sw = Stopwatch.StartNew();
var end = new double[n];
var threadsAt = new List<(double, int)>();
using var done = new CountdownEvent(n);
var sampler = new Thread(() =>
{
    int last = -1;
    while (!done.IsSet)
    {
        int c = ThreadPool.ThreadCount;
        if (c != last) { threadsAt.Add((sw.Elapsed.TotalMilliseconds, c)); last = c; }
        Thread.Sleep(5);
    }
}) { IsBackground = true };
sampler.Start();
var arrivals = new Thread(() =>
{
    for (int i = 0; i < n; i++)
    {
        double due = i * 1000.0 / rps;
        while (sw.Elapsed.TotalMilliseconds < due)
            Thread.Sleep(1);
        int k = i;
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            Thread.Sleep(blockMs);
            end[k] = sw.Elapsed.TotalMilliseconds;
            done.Signal();
        }, null);
    }
});
arrivals.Start();
done.Wait();
Console.WriteLine($"cores={Environment.ProcessorCount} {n} requests, last done at {Math.Round(end.Max())} ms");
Console.WriteLine("pool threads: " + string.Join(", ", threadsAt.Select(p => $"{Math.Round(p.Item1)}:{p.Item2}")));

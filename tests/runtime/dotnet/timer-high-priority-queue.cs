// A starved 2-core pool: ten work items queued first block their threads for 4 s
// (Thread.Sleep: no blocking compensation). A Task.Delay(100) expires at 100 ms; when
// does its continuation run? In a global FIFO it would wait behind the eight queued
// items (the 9th thread, ~4 s); .NET 7+ queues due timers to the pool's high-priority
// queue, which a worker drains before the global queue: the first injected thread.
// Run: DOTNET_PROCESSOR_COUNT=2 dotnet run timer-high-priority-queue.cs
using System.Diagnostics;

var sw = Stopwatch.StartNew();
double Ms() => Math.Round(sw.Elapsed.TotalMilliseconds);
Console.WriteLine($"ProcessorCount={Environment.ProcessorCount} {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");

for (int i = 0; i < 10; i++)
{
    int n = i;
    ThreadPool.QueueUserWorkItem(_ =>
    {
        Console.WriteLine($"{Ms(),6} item {n} starts on thread {Environment.CurrentManagedThreadId}");
        Thread.Sleep(4000);
    });
}

async Task AfterDelay()
{
    await Task.Delay(100);
    Console.WriteLine($"{Ms(),6} delay continuation on thread {Environment.CurrentManagedThreadId}");
}

var t = AfterDelay();
t.Wait();
Thread.Sleep(1500);

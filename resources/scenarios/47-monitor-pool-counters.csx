// @title     Monitoring: queue length and thread count reveal a starving pool
// @questions 47 35
// @topic     Production
// @runtime netfx
// @cores 2
// @knob MinThreads = 2 "ThreadPool.SetMinThreads value"
// @expect outcome completed
// @expect-when MinThreads=2 end-at 2500ms ± 100ms
// @expect peak-pool-threads = 7
// @expect output "6 reports rendered"
// @expect-when MinThreads=2 lint starvation
// @expect-when MinThreads=8 no-lint starvation
// @expect-when MinThreads=8 end-at 100ms ± 3ms
// @expect-when MinThreads=2 output-at "a third report started" 500ms ± 10ms
// @note L61: Up to the minimum (SetMinThreads above), the pool creates a thread per queued job without delay.
// @note L53: Each report blocks a pool thread until a continuation that needs another pool thread has run.

/* @explain
When an async system is slow, look at these counters before reading code (the timeline
plots all of them; `dotnet-counters` shows them in production):

- **ThreadPool queue length** — work waiting for a thread. Persistently above zero means
  the pool cannot keep up.
- **ThreadPool thread count** — climbing by one roughly every 500 ms is the signature of
  the starvation detector injecting threads.
- **Busy cores** — if this is low while the queue is long, threads are *blocked*, not busy:
  look for `.Result`, `.Wait()`, `Thread.Sleep` or synchronous I/O.
- Latency per request and completed items per second.

Here, on a 2-core .NET Framework–style pool, six report jobs block in `.Result`. The
counters tell the whole story: queue length stuck high, CPU idle, thread count 2, 3, 4,
… 7 in half-second steps, and everything finishing at about 2.5 s for work that needs
100 ms. (These netfx figures are Mono's pool, which the profile is checked against; .NET
Framework's native pool may differ.)

Raising **MinThreads** to 8 lets the pool create threads at once: the run ends at 100 ms.
That is a valid emergency mitigation — but the counters would still show threads sitting
blocked. The lasting fix is removing the blocking (`35-starvation-sync-over-async`).
*/

static int started;

async Task<string> FetchDataAsync()
{
    await Task.Delay(100);   // the remote call; its continuation needs a pool thread
    return "rows";
}

void RenderReport()
{
    if (Interlocked.Increment(ref started) == 3)
        Console.WriteLine("a third report started");
    string data = FetchDataAsync().Result;   // sync over async inside pool work
}

void Main()
{
    ThreadPool.SetMinThreads(MinThreads, MinThreads);
    var jobs = new List<Task>();
    for (int i = 1; i <= 6; i++)
        jobs.Add(Task.Run(() => RenderReport()));
    Task.WhenAll(jobs).Wait();
    Console.WriteLine("6 reports rendered");
}

// @title     Starvation on .NET 8: blocking compensation hides it (for a while)
// @questions 35 36
// @topic     Deadlocks and starvation
// @runtime net8
// @expect outcome completed
// @expect-when runtime=net8 end-at 100ms ± 30ms
// @expect-when runtime=net8 peak-pool-threads >= 9
// @expect-when runtime=net8 no-lint starvation
// @expect lint blocking-pool-thread
// @expect output "8 reports loaded"
// @expect-when runtime=net8 output-at "the eighth job started" 0ms
// @expect-when runtime=netfx end-at 2500ms ± 100ms
// @note L57: Each job blocks a pool thread in Wait(); .NET 6+ notices this particular kind of blocking.
// @note L44: The continuations still need a free worker, which the pool now creates quickly.

/* @explain
The same eight blocking jobs as `35-starvation-sync-over-async`, on the .NET 8 profile.

Since .NET 6 the ThreadPool knows when one of its workers blocks in `Task.Wait` or
`.Result`. It treats that as a hint that more threads are needed and raises its thread
goal at once, up to minimum + processor count (8 here), and then keeps adding threads with
short, growing delays instead of one per half second. On the timeline, four extra pool
lanes appear immediately, so all eight jobs start at 0 ms; a ninth thread comes at 100 ms,
when the timers fire and the continuations are queued, and runs them. The run finishes at
100 ms instead of the 2.5 s the netfx profile shows (a figure modelled on Mono's pool;
.NET Framework's native pool may differ).

This **compensation** makes starvation rarer, not harmless:

- every blocked job still pins a thread (memory, context switches); the counter shows
  at least nine threads for work that needs none;
- it only reacts to task waits — `Thread.Sleep` or synchronous I/O inside pool work
  get no compensation;
- under sustained load the delays add up and latency still grows (see
  `36-threadpool-exhaustion-web`).

The fix is unchanged: don't block on async code.
*/

static int started;

async Task LoadReportAsync(int id)
{
    await Task.Delay(100);   // its continuation needs a free pool thread
}

void Main()
{
    var jobs = new List<Task>();
    for (int i = 1; i <= 8; i++)
    {
        int id = i;
        jobs.Add(Task.Run(() =>
        {
            if (Interlocked.Increment(ref started) == 8)
                Console.WriteLine("the eighth job started");
            LoadReportAsync(id).Wait();
        }));
    }
    Task.WhenAll(jobs).Wait();
    Console.WriteLine("8 reports loaded");
}

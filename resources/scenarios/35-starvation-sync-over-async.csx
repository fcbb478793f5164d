// @title     Thread starvation: blocked workers, continuations stuck in the queue
// @questions 35
// @topic     Deadlocks and starvation
// @runtime netfx
// @knob UseAwait = false "await LoadReportAsync instead of blocking with Wait()"
// @expect outcome completed
// @expect-when runtime=netfx,UseAwait=false end-at 2500ms ± 100ms
// @expect-when runtime=netfx,UseAwait=false peak-pool-threads = 9
// @expect output "8 reports loaded"
// @expect-when runtime=net8,UseAwait=false end-at 100ms ± 30ms
// @expect-when runtime=net8,UseAwait=false peak-pool-threads >= 9
// @expect-when runtime=netfx,UseAwait=false lint starvation
// @expect-when UseAwait=false lint blocking-pool-thread
// @expect-when UseAwait=true no-lint blocking-pool-thread
// @expect-when UseAwait=true end-at 100ms ± 3ms
// @expect-when UseAwait=true peak-pool-threads <= 4
// @expect-when runtime=netfx,UseAwait=false output-at "a fifth job started" 500ms ± 10ms
// @expect-when runtime=netfx,UseAwait=false output-at "a sixth job started" 1000ms ± 10ms
// @note L71: Each job blocks its pool thread until LoadReportAsync completes.
// @note L54: At 100 ms the timers fire, but the continuations are queued behind the jobs that have not started yet.
// @quiz Each job needs 100 ms. Roughly when do all eight finish?
// @choice 100 ms
// @choice 200 ms
// @answer About 2.5 s
// @why The blocked workers wait for continuations stuck in the queue; the pool adds only one thread every 500 ms.

/* @explain
**Thread starvation** is when work is queued for the ThreadPool but every worker is busy
— here, blocked — so the queue does not move.

This run uses the .NET Framework profile on 4 cores: the pool starts with 4 workers and
has no blocking compensation. Eight jobs are queued; each calls an async method and
blocks its worker with `.Wait()`. Four jobs start and block. At 100 ms their delays
finish, but the continuations that would complete them go to the back of the global
queue, behind the four jobs that have not started. Nothing is dequeued, so nothing
progresses.

The pool's starvation detector notices and adds **one thread every 500 ms**. Each new
thread takes the next item in the queue — another blocking job — so the continuations
are only reached by the ninth thread at about 2.5 s. Watch the pool-thread counter climb
in steps of one while the queue counter stays high: work that needs 100 ms takes 25 times
longer. (These netfx figures are Mono's pool, which the profile is checked against; .NET
Framework's native pool may differ.)

Flip **UseAwait**: the jobs await instead of blocking, workers are never held, and
everything completes at 100 ms with the original four threads. (Switching the runtime to
net8 hides much of the delay; see `35-starvation-with-net8-compensation`.)
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
        if (UseAwait)
            jobs.Add(Task.Run(async () => await LoadReportAsync(id)));
        else
            jobs.Add(Task.Run(() =>
            {
                int running = Interlocked.Increment(ref started);
                if (running == 5 || running == 6)
                    Console.WriteLine(running == 5 ? "a fifth job started" : "a sixth job started");
                LoadReportAsync(id).Wait();
            }));
    }
    Task.WhenAll(jobs).Wait();
    Console.WriteLine("8 reports loaded");
}

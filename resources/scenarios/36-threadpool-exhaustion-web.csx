// @title     ThreadPool exhaustion under web load: sync-over-async handlers
// @questions 36
// @topic     Deadlocks and starvation
// @environment aspnetcore
// @load 100 for 500ms
// @knob UseAwait = false "await GetStockAsync instead of .Result"
// @expect outcome completed
// @expect-when UseAwait=false peak-pool-threads > 8
// @expect-when UseAwait=false lint blocking-pool-thread
// @expect-when runtime=net8,UseAwait=false end-at 590ms ± 50ms
// @expect-when runtime=netfx,UseAwait=false end-at 20s ± 8s
// @expect-when runtime=netfx,UseAwait=false peak-pool-threads > 20
// @expect-when UseAwait=true no-lint blocking-pool-thread
// @expect-when UseAwait=true end-at 590ms ± 20ms
// @expect-when UseAwait=true peak-pool-threads <= 4
// @note L54: Every request pins a pool thread for at least 100 ms, plus the wait for a thread to run the continuation.
// @note L44: The continuation goes to the same pool that is full of blocked request threads.

/* @explain
**ThreadPool exhaustion** is the server-side form of starvation: every pool thread is
occupied, so new requests and the continuations of old ones wait in the queue, and latency
climbs even though the CPU is idle.

ASP.NET Core runs each request on a pool thread. Here 100 requests per second arrive for
half a second; each handler needs a 100 ms remote call.

- With `.Result` (the default) each request holds its thread for the whole call, and the
  call's continuation needs *another* pool thread to complete the task the request is
  blocked on. The pool starts with four threads. .NET 8 notices threads blocked in task
  waits and keeps adding threads, so the counter climbs well past eight: the requests
  finish on time, but only by pinning more than a dozen threads that do nothing.
- Switch the runtime to **netfx** (no blocking compensation): only the starvation detector
  and hill climbing add threads, each new thread grabs another blocking request, and the
  backlog takes about 20 s to drain — the exhaustion spiral.
- Flip **UseAwait**: a request gives its thread back at the await, one thread serves all 50
  requests and the last one ends at 590 ms.

Watch the queue and pool-thread counters: they are the first metrics to check when a
service is slow while its CPU is idle.
*/

async Task<int> GetStockAsync(int sku)
{
    await Task.Delay(100);   // stands in for a remote call
    return 42;
}

async Task HandleRequestAsync()
{
    int stock;
    if (UseAwait)
        stock = await GetStockAsync(7);
    else
        stock = GetStockAsync(7).Result;   // holds a pool thread for the whole call
}

// @title     ThreadPool exhaustion under web load: sync-over-async handlers
// @questions 36
// @topic     Deadlocks and starvation
// @environment aspnetcore
// @load 100 for 1s
// @knob UseAwait = false "await GetStockAsync instead of .Result"
// @expect outcome completed
// @expect-when UseAwait=false peak-pool-threads > 8
// @expect-when UseAwait=false lint blocking-pool-thread
// @expect-when UseAwait=true no-lint blocking-pool-thread
// @expect-when UseAwait=true end-at 1100ms ± 20ms
// @expect-when UseAwait=true peak-pool-threads <= 4
// @note L49: Every request pins a pool thread for at least 100 ms, plus the wait for a thread to run the continuation.
// @note L39: The continuation goes to the same pool that is full of blocked request threads.

/* @explain
**ThreadPool exhaustion** is the server-side form of starvation: every pool thread is
occupied, so new requests and the continuations of old ones wait in the queue, and latency
climbs even though the CPU is idle.

ASP.NET Core runs each request on a pool thread. Here 100 requests per second arrive for
one second; each handler needs a 100 ms remote call.

- With `.Result` (the default) each request holds its thread for the whole call, and the
  call's continuation needs *another* pool thread to complete the task the request is
  blocked on. Ten or more threads must be blocked at any moment. The pool starts with four;
  .NET 8 adds more quickly because the threads block in a task wait, but only with delays,
  so the counter climbs well past eight and requests queue up meanwhile.
- Flip **UseAwait**: a request gives its thread back at the await. Four threads serve all
  100 requests, each finishing 100 ms after it arrived; the last one ends at about
  1.1 s.

Watch the global-queue counter and the pool-thread counter: in production they are the
first metrics to check when a service is slow while the CPU is idle.
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

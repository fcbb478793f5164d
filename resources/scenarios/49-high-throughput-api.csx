// @title     A high-throughput API: async all the way, cached fast path
// @questions 49
// @topic     Production
// @environment aspnetcore
// @load 100 for 1s
// @knob SyncOverAsync = false "Block on the product lookup with .Result"
// @expect outcome completed
// @expect no-lint async-without-await
// @expect-when SyncOverAsync=false end-at 1092ms ± 5ms
// @expect-when SyncOverAsync=false peak-pool-threads <= 4
// @expect-when SyncOverAsync=true peak-pool-threads > 4
// @expect-when SyncOverAsync=true lint sync-over-async
// @expect-when SyncOverAsync=true,runtime=net8 end-at 1092ms ± 5ms
// @expect-when SyncOverAsync=true,runtime=net8 peak-pool-threads = 7
// @expect-when SyncOverAsync=true,runtime=netfx end-at 43500ms ± 50ms
// @expect-when SyncOverAsync=false no-lint sync-over-async
// @note L49: Every other request hits the cache: the async method completes synchronously, no allocation of a wait, no thread switch.
// @note L50: Cache misses go to the database without holding a thread.
// @note L62: The handler gives its thread back while the query runs.

/* @explain
A service that must handle many requests per second with few threads follows a few rules,
all visible in this run of 100 requests per second:

- **Async all the way**: every I/O call is awaited, from the handler down to the database
  driver. Nothing calls `.Result` or `.Wait()`. A request holds a thread only while it
  computes, so four threads serve all the traffic and the thread counter never moves.
- **Fast paths**: every other request is served from a cache. The async method returns
  before any await, so the task is already complete and the handler does not even suspend.
- **Little work per request on the thread**: 2 ms of CPU to build the response.
- Elsewhere (not shown): bounded concurrency towards fragile dependencies
  (`44-semaphore-throttle`), timeouts and cancellation flowing from the request,
  no `Task.Run` in handlers, and no shared locks on the hot path.

Every request finishes 2 or 102 ms after it arrives; the last one ends at 1.092 s.

Flip **SyncOverAsync**: the cache misses now block a pool thread on `.Result`, and each
needs a second thread for the database continuation. Watch the pool grow beyond its four
threads (seven here): on net8 blocking compensation adds them so quickly that the run
still ends at 1.092 s, but every blocked request pins a thread. On `netfx`, which injects
threads slowly (question 35), the same traffic takes 43.5 s: threads, not work, set the ceiling.
*/

static int requests = 0;

async Task<string> GetProductAsync(int id)
{
    if (id % 2 != 0)
        return "cached product";
    await Db.QueryAsync($"SELECT * FROM Products WHERE Id = {id}", 100);
    return "product from the database";
}

async Task HandleRequestAsync()
{
    requests++;
    int id = requests;
    string product;
    if (SyncOverAsync)
        product = GetProductAsync(id).Result;
    else
        product = await GetProductAsync(id);
    Cpu.Work(2);   // serialize the response
}

// @title     ASP.NET Core: async handlers serve more requests with the same threads
// @questions 39
// @topic     Production
// @environment aspnetcore
// @load 80 for 1s
// @knob UseAsync = false "Query the database with await Db.QueryAsync"
// @expect outcome completed
// @expect-when UseAsync=false end-at 1650ms ± 450ms
// @expect-when UseAsync=true end-at 1090ms ± 20ms
// @expect-when UseAsync=true peak-pool-threads <= 4
// @expect output-at "request served" 100ms
// @note L41: Synchronous I/O: the pool thread is blocked for 100 ms and can serve nobody else.

/* @explain
ASP.NET Core serves requests on ThreadPool threads and has no SynchronizationContext.
Its throughput depends on how long each request *holds* a thread, not on how long the
request takes.

80 requests per second arrive for one second. Each needs a 100 ms database query. The
pool has 4 threads (4 cores).

- **Synchronous handler** (default): each request holds a thread for 100 ms, so four
  threads can serve at most 40 requests per second. The queue grows, latency grows with
  it, and the last response leaves well after the last request arrived (up to a second
  late) while the CPU is almost idle the whole time. Any extra thread the pool's hill
  climbing adds only nibbles at the backlog.
- Flip **UseAsync**: during the query the request holds no thread. The same four threads
  handle every arrival the moment it comes in; each request takes its 100 ms and the last
  one finishes at about 1.09 s. The thread counter never grows.

That is the benefit of async in ASP.NET Core: more concurrent requests per thread, lower
latency under load, and no thread-pool growth. It does not make a single request faster —
both versions take 100 ms when the server is idle.
*/

async Task HandleRequestAsync()
{
    if (UseAsync)
        await Db.QueryAsync("SELECT * FROM Products WHERE Id = 7", 100);
    else
        Db.Query("SELECT * FROM Products WHERE Id = 7", 100);   // the request thread waits on the socket
    Console.WriteLine("request served");
}

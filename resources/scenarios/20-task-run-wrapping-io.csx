// @title     Avoid Task.Run around blocking I/O: it just holds pool threads
// @questions 20
// @topic     Task.Run
// @knob WrapInTaskRun = true "Fetch with Task.Run(() => Http.Get(...)) instead of Http.GetAsync"
// @expect outcome completed
// @expect-when WrapInTaskRun=true end-at 400ms ± 5ms
// @expect output "8 prices fetched"
// @expect-when WrapInTaskRun=true lint task-run-io
// @expect-when WrapInTaskRun=false no-lint task-run-io
// @expect-when WrapInTaskRun=false end-at 200ms ± 3ms
// @expect-when WrapInTaskRun=false peak-pool-threads <= 4
// @note L39: Each call occupies a pool thread that just waits for the network for 200 ms.
// @note L48: With 4 pool threads, the 8 wrapped calls run in two waves of four, done at 200 ms and at 400 ms.

/* @explain
`Task.Run` gives you *a thread*, and that only helps if you have CPU work for the thread to
do. Wrapping a blocking I/O call in it — `Task.Run(() => Http.Get(...))` — looks
asynchronous to the caller, but underneath a pool thread sits blocked for the whole
request. That is "fake async".

This machine has 4 cores, so the pool starts with 4 worker threads. With
**WrapInTaskRun** (the default here) the eight requests become eight work items: four
run at once, each blocking a worker for 200 ms, and the other four wait in the queue.
The last price arrives at 400 ms. Under heavier load the pool would have to inject more
threads, slowly (see questions 35–36).

Switch it off and the real async API is used: all eight requests are in flight at once,
no thread waits, and everything completes at 200 ms.

Also avoid `Task.Run` in ASP.NET Core request handlers: the request is already on a pool
thread, so offloading only adds a queue hop and a second thread. Use `Task.Run` for CPU
work that must leave a UI thread, and true async APIs for I/O.
*/

async Task<string> FetchPriceAsync(int product)
{
    string url = $"https://prices.example/products/{product}";
    if (WrapInTaskRun)
        return await Task.Run(() => Http.Get(url, 200));
    return await Http.GetAsync(url, 200);
}

void Main()
{
    var prices = new List<Task<string>>();
    for (int p = 1; p <= 8; p++)
        prices.Add(FetchPriceAsync(p));
    Task.WhenAll(prices).Wait();
    Console.WriteLine("8 prices fetched");
}

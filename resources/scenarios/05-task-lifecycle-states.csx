// @title     A Task's life: running, completed, faulted, canceled
// @questions 5
// @topic     Tasks
// @expect outcome completed
// @expect end-at 200ms ± 2ms
// @expect output-order "broken: Faulted" "delay: Canceled" "crunch: RanToCompletion" "download: RanToCompletion"
// @expect output-at "broken: Faulted" 50ms
// @expect output-at "delay: Canceled" 80ms
// @expect output-at "crunch: RanToCompletion" 100ms
// @expect output-at "download: RanToCompletion" 200ms
// @note L38: Queued to the pool (WaitingToRun), then Running on a worker for 100 ms.
// @note L37: A promise-style task: WaitingForActivation, with no thread behind it.
// @note L41: A timer task; the token cancels it at 80 ms, long before its `Task.Delay(1000)` would end.
// @note L49: Awaiting a faulted task rethrows its exception here.

/* @explain
A `Task` is an object that represents an operation and its eventual outcome. It is not a
thread: some tasks run code on the pool, others merely wait for a timer or a network reply.
Select each task in the inspector and watch its state badge change.

- `crunch` is created by `Task.Run`: it waits in the pool queue, runs on a worker for
  100 ms of CPU, then becomes **RanToCompletion**.
- `download` represents an HTTP request. It stays *WaitingForActivation* for 200 ms while
  no thread is involved, then completes with a string result.
- `broken` is a request that fails after 50 ms: it becomes **Faulted** and stores the
  `HttpRequestException` until someone awaits it.
- `delay` is a timer task; the CancellationTokenSource fires at 80 ms and the task ends
  **Canceled**; awaiting it throws `TaskCanceledException`.

The final state is permanent: a task completes exactly once, and every later `await`
sees the same result or exception. Awaiting in the order written here shows the states in
time order: faulted at 50 ms, canceled at 80 ms, completed at 100 and 200 ms.
*/

async Task ShowStatesAsync()
{
    Task<string> download = Http.GetAsync("https://api.example/report.pdf", 200);
    Task crunch = Task.Run(() => Cpu.Work(100));
    Task<string> broken = Http.GetAsync("https://api.example/broken", 50, fail: true);
    var cts = new CancellationTokenSource(80);
    Task delay = Task.Delay(1000, cts.Token);

    try
    {
        await broken;
    }
    catch (HttpRequestException)
    {
        Console.WriteLine("broken: Faulted at 50 ms");
    }
    try
    {
        await delay;
    }
    catch (TaskCanceledException)
    {
        Console.WriteLine("delay: Canceled at 80 ms");
    }
    await crunch;
    Console.WriteLine("crunch: RanToCompletion at 100 ms");
    string pdf = await download;
    Console.WriteLine("download: RanToCompletion at 200 ms");
}

void Main()
{
    ShowStatesAsync().GetAwaiter().GetResult();
}

// @title     Throttling with SemaphoreSlim.WaitAsync
// @questions 44
// @topic     Throttling and retries
// @knob Limit = 2 "Photos resized at the same time"
// @expect outcome completed
// @expect-when Limit=2 end-at 300ms ± 3ms
// @expect-when Limit=2 output-order "photo 1 starts" "photo 2 starts" "photo 3 starts" "photo 5 starts" "all photos resized"
// @expect-when Limit=6 end-at 100ms ± 3ms
// @expect-when Limit=1 end-at 600ms ± 3ms
// @expect-when Limit=1 output-order "photo 1 starts" "photo 2 starts" "photo 3 starts" "photo 4 starts" "photo 5 starts" "photo 6 starts"
// @note L41: With a free slot this completes synchronously; otherwise the caller queues, FIFO, without blocking a thread.
// @note L49: Release hands the slot to the oldest waiter; its continuation is queued, not run inside Release.
// @quiz With Limit = 2, when are all six photos resized?
// @choice 100 ms
// @answer 300 ms
// @choice 600 ms
// @why Two at a time, 100 ms each: three waves.

/* @explain
To throttle asynchronous work, limit how many operations are *in flight*, not how many
threads exist. `SemaphoreSlim` is the standard tool: create it with the number of slots,
`await WaitAsync()` before the operation, and `Release()` in a `finally` afterwards.

Six photos are sent to a resizing service that accepts **Limit** (2) at a time. Photos 1
and 2 get a slot immediately — `WaitAsync` completes synchronously when a slot is free.
Photos 3–6 wait asynchronously; the inspector shows them queued on the semaphore while no
thread is blocked. Each `Release` wakes the oldest waiter first, so they start in order,
two every 100 ms, and the job is done at 300 ms.

Try **Limit** = 6 (no throttling, 100 ms) and **Limit** = 1 (strictly one by one,
600 ms).

Avoid the synchronous `Wait()` in async code: it blocks a thread per waiting operation,
which is exactly what throttling should prevent. And always release in `finally`, or a
single exception permanently loses a slot until the program hangs with every caller
waiting.
*/

async Task ResizeAsync(SemaphoreSlim gate, int photo)
{
    await gate.WaitAsync();
    try
    {
        Console.WriteLine($"photo {photo} starts, {gate.CurrentCount} slots left");
        await Http.GetAsync($"https://images.example/resize/{photo}", 100);
    }
    finally
    {
        gate.Release();
    }
}

void Main()
{
    var gate = new SemaphoreSlim(Limit);
    var work = new List<Task>();
    for (int photo = 1; photo <= 6; photo++)
        work.Add(ResizeAsync(gate, photo));
    Task.WhenAll(work).Wait();
    Console.WriteLine("all photos resized");
}

// @title     1000 API calls: all concurrent, at most N in flight
// @questions 43
// @topic     Throttling and retries
// @knob MaxConcurrency = 50 "Maximum calls in flight"
// @expect outcome completed
// @expect-when MaxConcurrency=50 end-at 400ms ± 5ms
// @expect output "1000 responses"
// @expect peak-pool-threads <= 4
// @expect no-lint blocking-pool-thread
// @expect-when MaxConcurrency=200 end-at 100ms ± 3ms
// @expect-when MaxConcurrency=1 end-at 20s ± 50ms
// @note L40: Waiting for a slot is asynchronous: 950 calls wait here without holding any thread.
// @note L43: Each call takes 20 ms; 50 are in flight at a time, so 20 waves.
// @note L55: One task for all 1000 calls.

/* @explain
Processing 1000 remote calls well means three things: **concurrently**, **bounded**, and
**without blocking threads**.

- One after another, 1000 calls of 20 ms would take 20 s.
- All at once, they would finish fast in the simulation, but a real service would see
  1000 simultaneous connections — rate limits, socket exhaustion, timeouts.
- Here every call is started immediately, but a `SemaphoreSlim` admits only
  **MaxConcurrency** (50) into the HTTP call at a time. Waiting for a slot with
  `WaitAsync` holds no thread; `Release` in `finally` lets the next one in, even when a
  call fails. `Task.WhenAll` collects all the results in order.

With 50 slots the calls go in 20 waves of 20 ms: 400 ms in total, and the pool never
needs more than its four threads, since nothing blocks. Set **MaxConcurrency** to 200:
five waves, 100 ms. Choose the limit from what the downstream service tolerates, not
from the number of cores.

In real code, combine this with cancellation, retries for transient failures (question
45) and batching if the API supports it. .NET 6's `Parallel.ForEachAsync` packages the
same pattern.
*/

async Task<string> CallApiAsync(SemaphoreSlim gate, int id)
{
    await gate.WaitAsync();
    try
    {
        return await Http.GetAsync($"https://api.example/items/{id}", 20);
    }
    finally
    {
        gate.Release();
    }
}

void Main()
{
    var gate = new SemaphoreSlim(MaxConcurrency);
    Task<string>[] calls = Enumerable.Range(1, 1000).Select(id => CallApiAsync(gate, id)).ToArray();
    string[] results = Task.WhenAll(calls).Result;
    Console.WriteLine($"{results.Length} responses");
}

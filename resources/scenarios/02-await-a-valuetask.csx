// @title     Awaiting a ValueTask: the cached path allocates no Task
// @questions 2 9
// @topic     Basics
// @knob Cached = true "The price is already in the cache"
// @expect outcome completed
// @expect-when Cached=true end-at 0ms ± 1ms
// @expect-when Cached=true output-order "cache hit" "completed at once: True" "price: 42"
// @expect-when Cached=false end-at 120ms ± 2ms
// @expect-when Cached=false output-order "completed at once: False" "cache miss" "price: 42"
// @note L43: On the cached path the method returns before any await: the ValueTask wraps the value itself.
// @note L55: `await` asks the ValueTask the same question it asks a Task: finished yet?
// @quiz With the cached price, which thread prints "price: 42"?
// @answer Main, at 0 ms
// @choice A pool thread, after a thread switch
// @choice Main, after a 120 ms wait
// @why The ValueTask is already complete, so await continues inline on Main without suspending.

/* @explain
`await` works on anything with an awaiter, not only on `Task`. `ValueTask<T>` is the
common second case: a struct that holds either a finished result or a real task.

With **Cached** on, `GetPriceAsync` returns before reaching an await. A `Task<int>`
method would still allocate a task object to carry the 42; the `ValueTask<int>` carries
the value itself. The caller sees `IsCompleted` true, `await` takes its fast path and the
whole run stays on Main at 0 ms.

Turn **Cached** off: the method awaits a 120 ms query, the ValueTask now wraps an
unfinished task, and `await` suspends exactly as it would on a Task; the price arrives on
a pool thread at 120 ms.

Rules that come with the saving: await a ValueTask once, and never read `.Result` before
it has completed; to await it twice or keep it, call `.AsTask()` once. A second await of
this method's ValueTask happens to work (it wraps a Task), but one from a pooled source (a
socket, a channel, a method built with `PoolingAsyncValueTaskMethodBuilder`) is recycled by
the first await: on .NET 10 the second throws `InvalidOperationException`. Awaitlab does
not model pooled sources. Use ValueTask on hot paths that usually finish synchronously.
*/

async ValueTask<int> GetPriceAsync(string sku)
{
    if (Cached)
    {
        Console.WriteLine("cache hit: returning the price without awaiting");
        return 42;
    }
    await Db.QueryAsync($"SELECT Price FROM Products WHERE Sku = '{sku}'", 120);
    Console.WriteLine("cache miss: the query answered");
    return 42;
}

async Task Main()
{
    ValueTask<int> pending = GetPriceAsync("A-7");
    Console.WriteLine($"completed at once: {pending.IsCompleted}");
    int price = await pending;
    Console.WriteLine($"price: {price}");
}

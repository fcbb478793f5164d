// @title     An async method that completes synchronously (cache hit)
// @questions 9
// @topic     Internals
// @knob CacheHit = true "The user is already in the cache"
// @expect outcome completed
// @expect no-lint async-without-await
// @expect-when CacheHit=true end-at 0ms ± 1ms
// @expect-when CacheHit=true output-order "cache hit" "caller got the task back" "user: Ada"
// @expect-when CacheHit=false end-at 150ms ± 2ms
// @expect-when CacheHit=false output-order "caller got the task back" "cache miss" "user: Ada"
// @note L43: The method returns before any await: the Task is already complete when the caller receives it.
// @note L53: With a cache hit, the whole method ran inside this call.
// @quiz With the cache hit, how much virtual time does the run take?
// @answer 0 ms
// @choice 150 ms
// @choice A few milliseconds for the thread switch
// @why No await is reached, so the method completes synchronously inside the call; nothing waits and nothing switches threads.

/* @explain
Yes: an async method runs synchronously until it reaches an `await` on an *unfinished*
task. If it never reaches one — because it returns early, or because everything it awaits
is already complete — it runs to the end inside the call and hands back a task that is
already finished.

With **CacheHit** on, `GetUserNameAsync` finds the name, returns, and the caller receives
a completed `Task<string>`. The whole run takes 0 ms of virtual time and everything
happens on Main: *cache hit* prints before *caller got the task back*. Reading `.Result`
then does not block at all.

Turn **CacheHit** off: the database query is awaited, the method suspends, and the caller
gets an incomplete task at once. The name arrives 150 ms later on a pool thread.

This is why caching layers often return `ValueTask<T>` or cached `Task.FromResult`
objects: the common, synchronous path costs almost nothing and never switches threads.
It also means you cannot assume code after calling an async method runs "later" — it may
already have run.
*/

async Task<string> GetUserNameAsync(int id)
{
    if (CacheHit)
    {
        Console.WriteLine("cache hit: no await reached, the method finishes synchronously");
        return "Ada";   // no await reached
    }
    await Db.QueryAsync($"SELECT Name FROM Users WHERE Id = {id}", 150);
    Console.WriteLine("cache miss: resumed after the database answered");
    return "Ada";
}

void Main()
{
    Task<string> task = GetUserNameAsync(7);
    Console.WriteLine("caller got the task back");
    Console.WriteLine($"user: {task.Result}");
}

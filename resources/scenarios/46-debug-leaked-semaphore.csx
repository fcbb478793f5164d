// @title     Debugging a hang: the wait-for chain points at a leaked lock
// @questions 46
// @topic     Production
// @knob ReleaseInFinally = false "Release the lock in a finally block"
// @expect-when ReleaseInFinally=false outcome deadlock
// @expect output "save failed: theme: invalid JSON"
// @expect-when ReleaseInFinally=false lint semaphore-never-released
// @expect-when ReleaseInFinally=true no-lint semaphore-never-released
// @expect-when ReleaseInFinally=true outcome completed
// @expect-when ReleaseInFinally=true end-at 100ms ± 2ms
// @expect-when ReleaseInFinally=true output "language saved"
// @expect output-at "save failed" 50ms
// @note L47: After this write the theme save throws, skipping the Release below: the lock's only slot is never given back.
// @note L68: Main waits for a save that waits for a lock nobody will ever release.
// @note L44: The second save queues here; the inspector shows it as the semaphore's only waiter.

/* @explain
Async bugs are hard to debug with a classic debugger because the interesting state is not
on any thread's call stack: a suspended method is an object hanging off a task, not a
frame. What helps is to ask **who is waiting for what**, and to look at counters.

This program hangs. Debug it the way you would in production:

1. **Threads**: Main is blocked in `GetResult()`; no pool thread is doing anything. The
   busy-cores counter is zero — a hang, not a slow computation.
2. **Tasks**: the inspector shows the `language` save suspended at `WaitAsync`, and the
   semaphore with count 0 and one waiter.
3. **Wait-for chain**: the outcome follows the chain — Main → save task → semaphore — and
   nothing that could release it. Select the lock: its last acquirer was the `theme` save,
   which failed at 50 ms.
4. **Code**: the exception was thrown between `WaitAsync` and `Release`, so `Release` never
   ran.

Flip **ReleaseInFinally** and the lock is always returned; both saves finish by 100 ms.

In real services the same questions are answered with `dotnet-dump` (`dumpasync`),
`dotnet-counters` (ThreadPool queue length, thread count) and distributed traces.
*/

static SemaphoreSlim fileLock;

async Task SaveSettingsAsync(string name, bool corrupt)
{
    await fileLock.WaitAsync();
    try
    {
        await Db.QueryAsync($"UPDATE Settings SET Value = '...' WHERE Name = '{name}'", 50);
        if (corrupt) throw new InvalidOperationException($"{name}: invalid JSON");
        if (!ReleaseInFinally) fileLock.Release();
    }
    finally
    {
        if (ReleaseInFinally) fileLock.Release();
    }
}

void Main()
{
    fileLock = new SemaphoreSlim(1);
    try
    {
        SaveSettingsAsync("theme", true).GetAwaiter().GetResult();
    }
    catch (InvalidOperationException ex)
    {
        Console.WriteLine($"save failed: {ex.Message}");
    }
    SaveSettingsAsync("language", false).GetAwaiter().GetResult();
    Console.WriteLine("language saved");
}

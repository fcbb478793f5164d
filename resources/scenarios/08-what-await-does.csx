// @title     What happens at an await: fast path, suspend, resume
// @questions 8
// @topic     Internals
// @expect outcome completed
// @expect end-at 100ms ± 2ms
// @expect output-order "1. LoadSettingsAsync starts" "2. awaited a completed task" "3. the first incomplete await" "4. Main blocks" "5. resumed after 100 ms" "6. done"
// @note L36: The task is already complete: the fast path continues synchronously, no suspension.
// @note L38: Incomplete task: the state is saved, a continuation is registered, and the method returns.
// @note L46: Main receives the unfinished Task and runs on.
// @note L39: The continuation runs inline on the pool thread that completed the I/O.

/* @explain
Every `await` does the same three steps.

1. **Check.** It asks the awaited task whether it is already complete. `cached` was made
   with `Task.FromResult`, so it is: execution simply continues, on the same thread, with
   no pause at all. That is line 2 printing immediately after line 1.
2. **Suspend.** The HTTP task is not complete. The method records which await it stopped
   at, captures the current context (none in a console app), registers the rest of itself
   as a continuation on the task, and *returns* — the caller receives an incomplete
   `Task<string>`. Main prints lines 3 and 4 and then chooses to block on it.
3. **Resume.** At 100 ms the I/O completes. Because nothing was captured, the
   continuation runs inline on the pool thread that completed the request: the method
   picks up after the await with its local variables intact, returns, and completing its
   Task wakes Main.

In the code view the highlighted line jumps from the second await back to `Main`, and
later from the I/O completion into the middle of `LoadSettingsAsync`: that jump is the
state machine's `MoveNext` being called again.
*/

async Task<string> LoadSettingsAsync()
{
    Console.WriteLine("1. LoadSettingsAsync starts on the caller's thread");
    Task<string> cached = Task.FromResult("cached defaults");
    string local = await cached;
    Console.WriteLine("2. awaited a completed task: kept running, no pause");
    string remote = await Http.GetAsync("https://config.example/settings", 100);
    Console.WriteLine("5. resumed after 100 ms on the thread that completed the I/O");
    return remote;
}

void Main()
{
    Task<string> pending = LoadSettingsAsync();
    Console.WriteLine("3. the first incomplete await returned an unfinished Task to Main");
    Console.WriteLine("4. Main blocks until that task completes");
    pending.Wait();
    Console.WriteLine("6. done");
}

// @title     Common mistake: the forgotten await
// @questions 50
// @topic     Production
// @knob AddAwait = false "Await SaveDraftAsync"
// @expect outcome completed
// @expect-when AddAwait=false end-at 0ms ± 1ms
// @expect output "editor closed, draft reported as saved"
// @expect-when AddAwait=false no-output "draft written"
// @expect-when AddAwait=true end-at 150ms ± 2ms
// @expect-when AddAwait=true output-order "draft written to the database" "editor closed, draft reported as saved"
// @note L51: The Task is dropped: the caller neither waits for the save nor sees its errors.
// @note L52: Runs at 0 ms, before the database has even been asked.
// @quiz Is "draft written to the database" printed?
// @choice Yes, at 150 ms
// @answer No: the program exits before the write completes
// @why Without the await, CloseEditorAsync finishes at once, Main returns and the pending write is abandoned.

/* @explain
A family of common async mistakes, and where to see them in Awaitlab:

- **Forgetting `await`** (this scenario). Calling an async method without awaiting it
  starts the work and throws away the only handle to it. `CloseEditorAsync` reports the
  draft as saved at 0 ms; the program then exits and the database write is abandoned —
  the run ends at 0 ms with pending work. Any exception would also vanish. Flip
  **AddAwait**: the message now follows the write at 150 ms.
- **Blocking on async code** with `.Result`/`.Wait()`: deadlocks and starvation
  (`31-result-deadlock-ui`, `35-starvation-sync-over-async`).
- **async void** outside event handlers: uncatchable crashes (`30-unhandled-async-void`).
- **Awaiting in a loop** when the calls are independent (`50-await-in-loop`).
- **`Task.Run` around I/O** and in server handlers (`20-task-run-wrapping-io`).
- **Ignoring cancellation tokens** (`23-ignored-cancellation-token`).
- **`ConfigureAwait(false)` in UI code** that touches controls afterwards
  (`17-configureawait-ui-label`).
- **`Thread.Sleep` in async code** (`25-delay-vs-sleep`).

Compiler warning CS4014 flags the forgotten await when the call's result is unused; treat
it as an error.
*/

async Task SaveDraftAsync(string text)
{
    await Db.QueryAsync("UPDATE Drafts SET Body = @text WHERE Id = 1", 150);
    Console.WriteLine("draft written to the database");
}

async Task CloseEditorAsync()
{
    if (AddAwait)
        await SaveDraftAsync("hello");
    else
        SaveDraftAsync("hello");           // forgot await: the save runs on, unobserved
    Console.WriteLine("editor closed, draft reported as saved");
}

void Main()
{
    CloseEditorAsync().GetAwaiter().GetResult();
}

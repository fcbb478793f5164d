// @title     .Result on the UI thread deadlocks
// @quiz-title .Result on the UI thread
// @questions 31 32 34
// @topic     Deadlocks and starvation
// @environment ui
// @knob ConfigureAwaitFalse = false "Use ConfigureAwait(false) in GetDataAsync"
// @expect-when environment=ui,ConfigureAwaitFalse=false outcome deadlock
// @expect-when environment=ui lint sync-over-async
// @expect-when environment=ui,ConfigureAwaitFalse=false no-output "got the data"
// @expect-when environment=console outcome completed
// @expect-when environment=console end-at 200ms ± 2ms
// @expect-when ConfigureAwaitFalse=true outcome completed
// @expect-when ConfigureAwaitFalse=true end-at 200ms ± 2ms
// @expect-when ConfigureAwaitFalse=true output "got the data"
// @note L53: The UI thread blocks here, waiting for GetDataAsync's Task.
// @note L47: This await captured the UI context: its continuation must run on the UI thread.
// @quiz Does this program finish?
// @choice Yes, after 200 ms
// @answer No, it deadlocks
// @answer-when ConfigureAwaitFalse=true Yes, after 200 ms
// @answer-when environment=console Yes, after 200 ms
// @why The UI thread blocks in .Result while the continuation that would complete the task waits to be posted to that same UI thread.

/* @explain
The most famous async bug, in three steps:

1. `Button_Click` runs on the UI thread and calls `GetDataAsync()`, which starts the HTTP
   request and suspends at its await. Because it was called on the UI thread, the await
   captured the UI SynchronizationContext.
2. `Button_Click` then calls `.Result` and **blocks the UI thread** until the task finishes.
3. At 200 ms the response arrives. The continuation of `GetDataAsync` has to be posted to
   the UI thread — which is blocked in step 2, waiting for that very continuation.

Neither side can move: a deadlock. The timeline shows the UI lane blocked forever and one
message stuck in the UI queue; the outcome names the cycle.

Flip **ConfigureAwaitFalse**: the await no longer captures the context, the continuation
runs on the pool thread that completed the request, the task completes, and `.Result`
returns at 200 ms. That fixes the deadlock but the UI thread was still frozen for 200 ms.
The real fix is to not block: make the handler `async` and `await` the call (see
`34-deadlock-fixes`). Switch the environment to console instead and the same code
completes at 200 ms: without a context there is nothing to deadlock on.
*/

async Task<string> GetDataAsync()
{
    string body = await Http.GetAsync("https://api.example/data", 200).ConfigureAwait(!ConfigureAwaitFalse);
    return body;
}

void Button_Click(object sender, EventArgs e)
{
    string data = GetDataAsync().Result;   // blocks the UI thread
    Console.WriteLine("got the data");
}

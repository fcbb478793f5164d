// @title     The same .Result in a console app: no deadlock, still a blocked thread
// @questions 32
// @topic     Deadlocks and starvation
// @expect outcome completed
// @expect end-at 200ms ± 2ms
// @expect no-lint sync-over-async
// @expect output "got the data"
// @note L50: Main blocks exactly as the UI thread did in 31-result-deadlock-ui.
// @note L44: No context is captured, so the continuation is free to run on a pool thread.
// @quiz Does this program finish?
// @answer Yes, after 200 ms
// @choice No, it deadlocks like the UI version
// @why A console app has no SynchronizationContext, so the continuation runs on a pool thread and completes the task Main is blocked on.

/* @explain
This is the code of `31-result-deadlock-ui`, unchanged, in a console app. It completes at
200 ms. Why?

A console program has no SynchronizationContext. The await in `GetDataAsync` captures
nothing, so when the response arrives the continuation runs on the pool thread that
completed it. Nothing needs the blocked Main thread, the task completes, and `.Result`
returns.

That is exactly what makes `.Result` dangerous: **whether it deadlocks depends on who
calls you**, not on your code. A library method that blocks like this passes every unit
test in a console runner and then freezes a WPF app, or hangs a classic ASP.NET request.
Other costs remain even without a deadlock:

- the calling thread is blocked for the full 200 ms (a pool thread, under load, which
  leads to starvation — question 35);
- failures arrive wrapped in `AggregateException` (question 29);
- the blocked thread does nothing useful: a thread stuck in `.Result` never runs a
  continuation, context or not, so here a pool thread has to do it.

Prefer `await`. If you truly must block at the very top of a console program, block only
there, with `GetAwaiter().GetResult()`. That is why the *sync-over-async* lint stays quiet
here: a console `Main` blocking on its own async work, on the Main thread with no context,
is the one accepted place. The same line inside a library method, a UI handler or a pool
thread is flagged.
*/

async Task<string> GetDataAsync()
{
    string body = await Http.GetAsync("https://api.example/data", 200);
    return body;
}

void Main()
{
    string data = GetDataAsync().Result;   // blocks Main, but nothing needs Main
    Console.WriteLine("got the data");
}

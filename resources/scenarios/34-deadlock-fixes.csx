// @title     Three ways out of the .Result deadlock
// @questions 34 31
// @topic     Deadlocks and starvation
// @environment ui
// @knob Fix = 0 "0 = .Result, 1 = await all the way, 2 = ConfigureAwait(false) in the library, 3 = Task.Run(...).Result"
// @expect-when Fix=0 outcome deadlock
// @expect-when Fix=1 outcome completed
// @expect-when Fix=1 end-at 200ms ± 2ms
// @expect-when Fix=2 outcome completed
// @expect-when Fix=2 end-at 200ms ± 2ms
// @expect-when Fix=3 outcome completed
// @expect-when Fix=3 end-at 200ms ± 2ms
// @expect-when Fix=3 output-at "invoice shown" 200ms
// @note L55: Fix 0 (and 2) block the UI thread; with fix 0 the continuation needs that same thread.
// @note L43: This await captures the UI context because GetInvoiceAsync was called on the UI thread.

/* @explain
Use the **Fix** knob to try the remedies for the deadlock of `31-result-deadlock-ui`:

- **0 — `.Result`**: the UI thread blocks on a task whose continuation is waiting to be
  posted to the UI thread. Deadlock.
- **1 — async all the way**: the handler awaits instead of blocking. The UI thread is free
  for the whole 200 ms and the continuation runs on it when the data arrives. This is the
  real fix: no blocked thread, no deadlock, no frozen window.
- **2 — `ConfigureAwait(false)` inside the library**: the library's continuation no longer
  needs the UI thread, so `.Result` eventually returns. The deadlock is gone but the UI is
  frozen for 200 ms, and *every* await in the call chain must opt out, or it comes back.
- **3 — `Task.Run(() => GetInvoiceAsync()).Result`**: the async method starts on a pool
  thread, where there is no context to capture. It works, again with a frozen UI and an
  extra thread; a last resort when you cannot change the code you call.

Other habits that prevent these deadlocks: never call `.Result`/`.Wait()` on unfinished
tasks in UI or request code, prefer async event handlers and async controller actions, and
reserve blocking for the top of a console `Main`.
*/

async Task<string> GetInvoiceAsync()
{
    string pdf;
    if (Fix == 2)
        pdf = await Http.GetAsync("https://billing.example/invoice.pdf", 200).ConfigureAwait(false);
    else
        pdf = await Http.GetAsync("https://billing.example/invoice.pdf", 200);
    return pdf;
}

async void Button_Click(object sender, EventArgs e)
{
    string invoice;
    if (Fix == 1)
        invoice = await GetInvoiceAsync();
    else if (Fix == 3)
        invoice = Task.Run(() => GetInvoiceAsync()).Result;
    else
        invoice = GetInvoiceAsync().Result;
    Console.WriteLine("invoice shown");
}

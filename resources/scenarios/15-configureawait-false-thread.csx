// @title     ConfigureAwait(false): resume without the captured context
// @questions 15
// @topic     Context and ConfigureAwait
// @environment ui
// @knob ConfigureAwaitFalse = false "Use ConfigureAwait(false) in DownloadReportAsync"
// @expect outcome completed
// @expect end-at 300ms ± 3ms
// @expect-when ConfigureAwaitFalse=false output-order "library code resumed on the UI thread" "handler resumed on the UI thread"
// @expect-when ConfigureAwaitFalse=true output-order "library code resumed on a pool thread" "handler resumed on the UI thread"
// @expect output-at "library code resumed" 200ms
// @expect output-at "handler resumed on the UI thread" 300ms
// @note L44: ConfigureAwait(false) tells this one await not to capture the UI context.
// @note L49: 100 ms of parsing: on the UI thread by default (the window freezes), on a pool thread with ConfigureAwait(false).
// @note L56: This await has no ConfigureAwait, so the handler always comes back to the UI thread.
// @quiz By default, on which thread does the CSV parsing run?
// @answer The UI thread
// @choice A pool thread
// @choice A new thread
// @why The await in DownloadReportAsync captured the UI context, so its continuation, parsing included, is posted back to the UI thread.

/* @explain
`ConfigureAwait(false)` changes exactly one thing about one `await`: it does not capture
the current SynchronizationContext (or TaskScheduler). When the task completes, the
continuation runs wherever is convenient — usually inline on the thread that completed
the task, a pool thread here.

Run it twice and watch the 100 ms CSV parse:

- Default: the HTTP completion posts the continuation to the UI thread. The parse shows
  up on the UI lane between 200 and 300 ms; for that time the window would not repaint.
- **ConfigureAwaitFalse**: the parse runs on a pool lane. The UI thread stays idle until
  300 ms, when `Button_Click` resumes.

Both runs end at 300 ms and both print *handler resumed on the UI thread*: the setting
is per-await, and `Button_Click`'s own await still captures the context. It is not
"switch to a background thread" either — if the awaited task were already complete, the
code would simply continue on the UI thread. It only means "I don't need to come back".
*/

static int uiThread;

async Task<string> DownloadReportAsync()
{
    string csv = await Http.GetAsync("https://reports.example/q3.csv", 200).ConfigureAwait(!ConfigureAwaitFalse);
    if (Thread.CurrentThread.ManagedThreadId == uiThread)
        Console.WriteLine("library code resumed on the UI thread");
    else
        Console.WriteLine("library code resumed on a pool thread");
    Cpu.Work(100);   // parse the CSV
    return csv;
}

async void Button_Click(object sender, EventArgs e)
{
    uiThread = Thread.CurrentThread.ManagedThreadId;
    string report = await DownloadReportAsync();
    if (Thread.CurrentThread.ManagedThreadId == uiThread)
        Console.WriteLine("handler resumed on the UI thread");
}

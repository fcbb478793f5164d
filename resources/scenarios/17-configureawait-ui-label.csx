// @title     Avoid ConfigureAwait(false) when the code after it touches the UI
// @questions 17
// @topic     Context and ConfigureAwait
// @environment ui
// @knob ConfigureAwaitFalse = true "Use ConfigureAwait(false) in the click handler"
// @expect-when ConfigureAwaitFalse=true outcome crashed
// @expect end-at 200ms ± 2ms
// @expect output "status label: checking mail..."
// @expect-when ConfigureAwaitFalse=false outcome completed
// @expect-when ConfigureAwaitFalse=false output "status label: 12 new messages"
// @note L52: With ConfigureAwait(false) the rest of the handler does not come back to the UI thread.
// @note L53: This touches a control from a pool thread: the control's thread check throws.
// @note L44: The exception escapes an async void handler and is rethrown on the UI thread: the app crashes.
// @quiz What happens when the inbox response arrives?
// @choice The label shows 12 new messages
// @answer The app crashes with a cross-thread exception
// @choice The app deadlocks
// @why With ConfigureAwait(false) the handler continues on a pool thread; touching the label there throws, and the exception escapes an async void handler.

/* @explain
UI controls may only be used from the thread that created them. `SetStatusText` models a
WinForms label: it checks the current thread and throws the familiar *cross-thread
operation not valid* error otherwise.

The handler sets the label, awaits an HTTP call, and sets it again. With
`ConfigureAwait(false)` on that await (the default of this scenario), the continuation runs
on the pool thread that completed the request. The second `SetStatusText` runs there and
throws. Because the handler is `async void`, the exception is posted to the UI context and
rethrown on the UI thread, where nothing catches it: the run ends as **crashed** at 200 ms.

Set **ConfigureAwaitFalse** to false and the continuation is posted back to the UI thread;
the label shows *12 new messages*.

Rule of thumb: do not use `ConfigureAwait(false)` in code that needs its context after the
await — UI event handlers, view-model code that raises property changes, and (on classic
ASP.NET) code that uses `HttpContext.Current`. Everywhere else it is usually a good idea.
*/

static int uiThread;

void SetStatusText(string text)   // stands in for statusLabel.Text = text
{
    if (Thread.CurrentThread.ManagedThreadId != uiThread)
        throw new InvalidOperationException("Cross-thread operation not valid: statusLabel accessed from a thread other than the thread it was created on");
    Console.WriteLine($"status label: {text}");
}

async void Button_Click(object sender, EventArgs e)
{
    uiThread = Thread.CurrentThread.ManagedThreadId;
    SetStatusText("checking mail...");
    string inbox = await Http.GetAsync("https://mail.example/inbox/unread", 200).ConfigureAwait(!ConfigureAwaitFalse);
    SetStatusText("12 new messages");
}

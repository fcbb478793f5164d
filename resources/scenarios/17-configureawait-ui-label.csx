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
// @note L54: With ConfigureAwait(false) the rest of the handler does not come back to the UI thread.
// @note L55: This touches a control from a pool thread: the control's thread check throws.
// @note L46: The exception escapes an async void handler and is rethrown on the UI thread: the app crashes.
// @quiz What happens when the inbox response arrives?
// @choice The label shows 12 new messages
// @answer The app crashes with a cross-thread exception
// @choice The app deadlocks
// @why With ConfigureAwait(false) the handler continues on a pool thread; touching the label there throws, and the exception escapes an async void handler.

/* @explain
UI controls may only be used from the thread that created them. `SetStatusText` models a
WPF `TextBlock`: WPF checks the calling thread on every access and throws *the calling
thread cannot access this object* otherwise. (WinForms checks only while a debugger is
attached, so there the bug can hide until the day it corrupts the control.)

The handler sets the label, awaits an HTTP call, and sets it again. With
`ConfigureAwait(false)` on that await (the default of this scenario), the continuation runs
on the pool thread that completed the request. The second `SetStatusText` runs there and
throws. Because the handler is `async void`, the exception is posted to the UI context and
rethrown on the UI thread, where nothing catches it; WPF ends the app (WinForms would show
its exception dialog instead): the run ends as **crashed** at 200 ms.

Set **ConfigureAwaitFalse** to false and the continuation is posted back to the UI thread;
the label shows *12 new messages*.

Rule of thumb: do not use `ConfigureAwait(false)` in code that needs its context after the
await — UI event handlers, view-model code that raises property changes, and (on classic
ASP.NET) code that uses `HttpContext.Current`. Everywhere else it is usually a good idea.
*/

static int uiThread;

void SetStatusText(string text)   // stands in for statusText.Text = text (WPF)
{
    if (Thread.CurrentThread.ManagedThreadId != uiThread)
        throw new InvalidOperationException("The calling thread cannot access this object because a different thread owns it.");
    Console.WriteLine($"status label: {text}");
}

async void Button_Click(object sender, EventArgs e)
{
    uiThread = Thread.CurrentThread.ManagedThreadId;
    SetStatusText("checking mail...");
    string inbox = await Http.GetAsync("https://mail.example/inbox/unread", 200).ConfigureAwait(!ConfigureAwaitFalse);
    SetStatusText("12 new messages");
}

// @title     SynchronizationContext: continuations come back to the UI thread
// @questions 13
// @topic     Context and ConfigureAwait
// @environment ui
// @expect outcome completed
// @expect end-at 250ms ± 2ms
// @expect output-order "click handled on the UI thread" "after the await: back on the UI thread" "after Task.Run: back on the UI thread, 4 pages"
// @expect output-at "after the await: back on the UI thread" 150ms
// @expect output-at "after Task.Run: back on the UI thread" 250ms
// @note L50: The await captures SynchronizationContext.Current: the UI context.
// @note L51: The I/O completed on a pool thread, which Posted the continuation to the UI queue.
// @note L52: The CPU work runs on a pool thread; its continuation is posted back to the UI thread too.

/* @explain
`SynchronizationContext` is an abstraction for "a place where code should run". Its key
method is `Post(callback)`: *run this there, when you can*. A WinForms or WPF app installs
a context whose `Post` puts a message into the UI thread's queue.

`await` consults `SynchronizationContext.Current` when it suspends. On the UI thread that
is the UI context, so the continuation is not run by whoever completes the task; it is
posted back to the UI thread. Follow the arrows on the timeline:

- at 150 ms the HTTP response completes on a pool thread, which posts the rest of
  `Button_Click` to the UI queue; the UI thread picks it up;
- `Task.Run` does its 100 ms of CPU on a pool lane; when it completes at 250 ms, the
  continuation is again posted to the UI thread.

Every line of `Button_Click` therefore runs on the UI thread, which is what allows it to
touch controls safely. A console app has no context at all: compare with
`13-context-without-ui`, where the same await resumes on a pool thread.
*/

static int uiThread;

bool OnUiThread()
{
    return Thread.CurrentThread.ManagedThreadId == uiThread;
}

int RenderPages()
{
    Cpu.Work(100);
    return 4;
}

async void Button_Click(object sender, EventArgs e)
{
    uiThread = Thread.CurrentThread.ManagedThreadId;
    Console.WriteLine("click handled on the UI thread");
    string invoice = await Http.GetAsync("https://billing.example/invoice/17", 150);
    if (OnUiThread()) Console.WriteLine("after the await: back on the UI thread (posted)");
    int pages = await Task.Run(() => RenderPages());
    if (OnUiThread()) Console.WriteLine($"after Task.Run: back on the UI thread, {pages} pages");
}

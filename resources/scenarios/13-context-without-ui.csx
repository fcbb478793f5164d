// @title     No SynchronizationContext: a console app resumes on the pool
// @questions 13 14
// @topic     Context and ConfigureAwait
// @expect outcome completed
// @expect end-at 150ms ± 2ms
// @expect output-order "before the await: on Main" "after the await: on a pool thread"
// @note L39: SynchronizationContext.Current is null here: nothing is captured.
// @note L41: The continuation runs inline on the pool thread that completed the I/O.

/* @explain
This is the console twin of `13-context-ui-thread`. A console program (and
ASP.NET Core) has **no** SynchronizationContext: `SynchronizationContext.Current` is
null on every thread.

So when `ShowWhereCodeRunsAsync` suspends, the await captures nothing. When the HTTP
response arrives after 150 ms, the pool thread that completes the request runs the
continuation right away, inline — there is nowhere to post it to and no reason to. The
printed line confirms the method finished on a pool thread, not on Main, even though it
started on Main. Main itself is just blocked in `GetResult()` the whole time.

This is the important part of the context story: *where your code continues after an
await depends on the environment that called it*, not on the method itself. The same
method in a WinForms app would come back to the UI thread, one message at a time; here
continuations can run on any worker, possibly in parallel with each other. Code that
relies on one or the other (touching UI controls, or assuming parallelism) works in one
host and breaks in the other.
*/

static int mainThread;

bool OnMainThread()
{
    return Thread.CurrentThread.ManagedThreadId == mainThread;
}

async Task ShowWhereCodeRunsAsync()
{
    Console.WriteLine("before the await: on Main");
    string invoice = await Http.GetAsync("https://billing.example/invoice/17", 150);
    if (OnMainThread()) Console.WriteLine("after the await: back on Main");
    else Console.WriteLine("after the await: on a pool thread, nothing brought it back");
}

void Main()
{
    mainThread = Thread.CurrentThread.ManagedThreadId;
    ShowWhereCodeRunsAsync().GetAwaiter().GetResult();
}

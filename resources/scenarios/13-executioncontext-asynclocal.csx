// @title     AsyncLocal<T>: ambient data flows with the ExecutionContext, not the thread
// @questions 13 11
// @topic     Context and ConfigureAwait
// @knob UseStaticField = false "Keep the request id in a plain static field instead of an AsyncLocal"
// @expect outcome completed
// @expect end-at 300ms ± 2ms
// @expect output-at "[req-B] cart loaded" 110ms
// @expect-when UseStaticField=false output-at "[req-A] cart loaded" 300ms
// @expect-when UseStaticField=false output-at "[req-A] pricing 3 items on the pool" 300ms
// @expect-when UseStaticField=false output-at "[req-A] response sent" 300ms
// @expect-when UseStaticField=false output "Main sees: []"
// @expect-when UseStaticField=true no-output "[req-A] cart loaded"
// @expect-when UseStaticField=true output-order "[req-A] request started" "[req-B] request started" "[req-B] cart loaded" "[req-B] response sent" "[req-B] cart loaded" "[req-B] response sent"
// @expect-when UseStaticField=true output "Main sees: [req-B]"
// @expect-when UseStaticField=true output-at "[req-B] request started" 0ms
// @note L78: Setting the value above changed only this call's ExecutionContext; the caller's stays as it was.
// @note L66: ConfigureAwait(false) drops the SynchronizationContext, never the ExecutionContext.
// @note L61: Whichever thread runs this line, the id comes from the ExecutionContext it runs in.
// @note L89: Main's own context never received either id.
// @quiz Request A logs "cart loaded" at 300 ms on a pool thread. Which id does the line show?
// @answer req-A
// @answer-when UseStaticField=true req-B
// @choice req-B
// @choice None: a pool thread has no value
// @why Each await captured request A's ExecutionContext and the continuation runs inside it,
// @why whichever thread picks it up; a static field holds only the last value anyone wrote.

/* @explain
A **SynchronizationContext** decides *where* a continuation runs. An **ExecutionContext**
decides *what ambient state comes along*: the values of every `AsyncLocal<T>` (and what
.NET builds on them, such as `Activity.Current` or logging scopes). It is captured at each
`await`, `Task.Run`, `QueueUserWorkItem`, timer and new thread, and restored when that
code runs, on whatever thread.

Two requests run at once and log through `Log`, which reads the request id without being
passed it. Request B finishes first, at 110 ms; request A's lines at 300 ms come from pool
threads, after a `ConfigureAwait(false)` and inside a `Task.Run`, and still say
*req-A*.

Setting `Value` does not change a shared object: it gives the current flow a new context.
So a value set inside an async method never reaches its caller, and Main sees nothing.

Flip **UseStaticField**: both requests now share one field, B's id overwrites A's at 0 ms,
and every later line of A is logged under *req-B*. A `[ThreadStatic]` field would fail
differently: the id would vanish as soon as the code resumed on another thread.

`ExecutionContext.SuppressFlow()` stops the capture, for background work that must not
hold on to a request's state.
*/

static AsyncLocal<string> requestId = new AsyncLocal<string>();
static string sharedId;

static string CurrentId()
{
    return UseStaticField ? sharedId : requestId.Value;
}

static void Log(string message)
{
    Console.WriteLine($"[{CurrentId()}] {message}");
}

static async Task<int> LoadCartAsync()
{
    await Db.QueryAsync("SELECT * FROM Carts WHERE Owner = @me", 100).ConfigureAwait(false);
    Log("cart loaded");
    return 3;
}

static async Task HandleAsync(string id, int delayMs)
{
    if (UseStaticField)
        sharedId = id;
    else
        requestId.Value = id;
    Log("request started");
    await Task.Delay(delayMs);
    int items = await LoadCartAsync();
    await Task.Run(() => Log($"pricing {items} items on the pool"));
    Log("response sent");
}

static async Task Main()
{
    Task a = HandleAsync("req-A", 200);
    Task b = HandleAsync("req-B", 10);
    await Task.WhenAll(a, b);
    Console.WriteLine($"Main sees: [{CurrentId()}]");
}

// @title     async does not create a thread
// @questions 4
// @topic     Basics
// @expect outcome completed
// @expect end-at 200ms ± 2ms
// @expect output "before the await: still on the caller's thread"
// @expect output "after the await: on a pool thread"
// @expect peak-pool-threads <= 1
// @note L43: The async method starts on Main, the thread that called it.
// @note L44: For 200 ms there is no thread doing anything for this request.
// @note L47: The continuation borrowed a ThreadPool worker for an instant; no thread was created for this method.
// @quiz Which thread runs the line after the await?
// @choice Main
// @choice A new thread created for GetProfileAsync
// @answer A ThreadPool worker (the pool starts it when work first arrives, then reuses it)
// @why A console app has no SynchronizationContext: the continuation runs on the pool thread that completed the I/O. async never creates a thread.

/* @explain
Marking a method `async` creates no thread. The body starts on whichever thread calls it
— here Main — and keeps running there until it reaches an `await` of an unfinished task.

During the 200 ms HTTP call nobody is waiting on a thread: the request is handed to the
operating system, and the timeline shows the I/O bar with no thread beneath it. Main is
blocked only because this console program chose to block on `GetResult()`; the async
method itself needs no thread while it waits.

When the response arrives, the rest of the method has to run *somewhere*. A console app has
no SynchronizationContext, so it runs on a ThreadPool worker. The pool creates its workers
lazily: this one starts when the completion arrives, not because of the async method, and
it is kept for reuse afterwards. The thread counter never goes above one pool thread.

Compare this with `Task.Run`, which explicitly asks the pool to run a delegate, or
`new Thread`, which really creates one. `async` is only about *waiting without blocking*;
where the code runs is decided by the context and by who completes the awaited task.
*/

static int mainThread;

async Task<string> GetProfileAsync()
{
    int before = Thread.CurrentThread.ManagedThreadId;
    if (before == mainThread)
        Console.WriteLine("before the await: still on the caller's thread");
    string profile = await Http.GetAsync("https://api.example/profile", 200);
    int after = Thread.CurrentThread.ManagedThreadId;
    if (after != mainThread)
        Console.WriteLine("after the await: on a pool thread, not one made for this method");
    return profile;
}

void Main()
{
    mainThread = Thread.CurrentThread.ManagedThreadId;
    GetProfileAsync().GetAwaiter().GetResult();
    Console.WriteLine("done");
}

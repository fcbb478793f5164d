// @title     WaitAsync(timeout) stops the waiting, not the work
// @questions 27 21
// @topic     Combinators
// @knob CancelWork = false "Cancel the report's token when the wait times out"
// @expect outcome completed
// @expect output-at "gave up waiting: TimeoutException" 300ms
// @expect output-at "part 1 of the report built" 200ms
// @expect-when CancelWork=false output-at "is the work still running? True" 300ms
// @expect-when CancelWork=false output-order "part 1 of" "gave up waiting" "is the work still running? True" "part 2 of" "part 3 of" "the abandoned report finished anyway"
// @expect-when CancelWork=false output-at "the abandoned report finished anyway" 600ms
// @expect-when CancelWork=false end-at 600ms ± 2ms
// @expect-when CancelWork=false output-at "part 2 of the report built" 400ms
// @expect-when CancelWork=true output-at "the report stopped: its token was canceled" 300ms
// @expect-when CancelWork=true no-output "part 2 of"
// @expect-when CancelWork=true end-at 300ms ± 2ms
// @note L64: A timeout for this one wait: after 300 ms the await throws TimeoutException.
// @note L73: Nothing has told BuildReportAsync to stop; WaitAsync has no way to do so.
// @note L76: Awaiting the same task again: it completes on its own schedule.
// @quiz The wait times out at 300 ms. What happens to BuildReportAsync?
// @answer It keeps running and finishes at 600 ms
// @answer-when CancelWork=true It stops at 300 ms
// @choice It stops at 300 ms
// @choice It is aborted with the TimeoutException
// @why WaitAsync puts a time limit on one await. The task it watches is not told
// @why anything: only a canceled token stops the work, and only because the work checks it.

/* @explain
`task.WaitAsync(timeout)` (.NET 6) returns a task that ends either when `task` ends or
when the timeout passes, whichever comes first; in the second case awaiting it throws
`TimeoutException`. It is the tidy form of the `Task.WhenAny(task, Task.Delay(timeout))`
pattern from `27-whenany-timeout`, and it has the same limit: it stops **the waiting**,
not **the work**.

Here a report takes three parts of 200 ms each. Main waits at most 300 ms. At 300 ms the
await throws, Main reports the timeout, and the report task is still running: parts 2
and 3 arrive at 400 and 600 ms for a caller that gave up long ago. Had Main not awaited
it again, its result (or its exception) would have gone unobserved.

To stop the work you must also cancel it. Flip **CancelWork**: the report gets a
`CancellationToken`, Main cancels it when the wait times out, and the pending
`Task.Delay(200, token)` ends at once as Canceled. The report stops at 300 ms and the
run ends there.

`WaitAsync(timeout, token)` also takes a token, but that one only cancels the wait, like
the timeout. The rule is the same for every timeout pattern: pass the token to the work.
*/

async Task<string> BuildReportAsync(CancellationToken token)
{
    for (int part = 1; part <= 3; part++)
    {
        await Task.Delay(200, token);   // one part of the report
        Console.WriteLine($"part {part} of the report built");
    }
    return "report";
}

async Task Main()
{
    var cts = new CancellationTokenSource();
    Task<string> work = BuildReportAsync(CancelWork ? cts.Token : CancellationToken.None);
    try
    {
        string report = await work.WaitAsync(TimeSpan.FromMilliseconds(300));
        Console.WriteLine("report shown");
    }
    catch (TimeoutException)
    {
        Console.WriteLine("gave up waiting: TimeoutException");
        if (CancelWork)
            cts.Cancel();
    }
    Console.WriteLine($"is the work still running? {!work.IsCompleted}");
    try
    {
        await work;
        Console.WriteLine("the abandoned report finished anyway; nobody uses it");
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("the report stopped: its token was canceled");
    }
}

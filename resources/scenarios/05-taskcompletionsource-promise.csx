// @title     A Task without a thread: TaskCompletionSource
// @questions 5 7
// @topic     Tasks
// @knob RunContinuationsAsynchronously = false "Create the TaskCompletionSource with RunContinuationsAsynchronously"
// @expect outcome completed
// @expect end-at 300ms ± 2ms
// @expect-when RunContinuationsAsynchronously=false output-order "waiting for the payment" "resumed with 'paid'" "order shipped" "SetResult returned"
// @expect-when RunContinuationsAsynchronously=true output-order "waiting for the payment" "SetResult returned" "order shipped"
// @expect-when RunContinuationsAsynchronously=false output-at "SetResult returned" 250ms
// @expect-when RunContinuationsAsynchronously=false output-at "resumed with" 150ms
// @expect-when RunContinuationsAsynchronously=true output-at "SetResult returned" 150ms
// @note L50: Nothing runs for this task: it is completed by whoever calls SetResult.
// @note L66: Completing the task. Watch which thread runs ProcessOrderAsync's continuation.
// @note L52: By default this runs inline inside SetResult, on the webhook's pool thread.
// @quiz Which line is printed last?
// @choice resumed with 'paid'
// @choice order shipped
// @answer SetResult returned
// @why Without RunContinuationsAsynchronously, the awaiting method runs inline inside SetResult, including its 100 ms of CPU work, before SetResult returns.

/* @explain
A Task does not need a thread behind it. A `TaskCompletionSource<T>` hands out a Task
that stays incomplete until some code calls `SetResult`, `SetException` or `SetCanceled`.
Here the "payment provider" is a small Task.Run that waits 150 ms and then completes the
promise, standing in for a webhook.

For 150 ms `ProcessOrderAsync` is suspended and no thread is tied to it: the timeline
shows nothing running for the order.

By default, the continuation of an `await` runs **inline**, on the thread that completes
the task, before `SetResult` returns. Watch the pool thread: it calls `SetResult`, then
ships the order (100 ms of CPU), and only at 250 ms prints *SetResult returned*; the run
ends at 300 ms, after Main's closing `Thread.Sleep(50)`. The
completer was borrowed to run someone else's code.

Flip **RunContinuationsAsynchronously**: now the continuation is queued to the pool as a
work item of its own. `SetResult` returns at once (*SetResult returned* comes first), and
the order resumes only after the completer's work item has ended. Here that is the same
Pool-1, which finds the item in its own local queue; an idle worker could have taken it
too. Either way the completer is no longer borrowed. Library code that completes tasks
while holding locks or in callbacks uses this option so that unknown continuations cannot
hijack its thread.
*/

static TaskCompletionSource<string> payment;

async Task ProcessOrderAsync()
{
    Console.WriteLine("waiting for the payment callback");
    string status = await payment.Task;
    Console.WriteLine($"resumed with '{status}'");
    Cpu.Work(100);   // ship the order
    Console.WriteLine("order shipped");
}

void Main()
{
    if (RunContinuationsAsynchronously)
        payment = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
    else
        payment = new TaskCompletionSource<string>();

    Task webhook = Task.Run(async () =>
    {
        await Task.Delay(150);
        payment.SetResult("paid");
        Console.WriteLine("SetResult returned");
    });

    ProcessOrderAsync().GetAwaiter().GetResult();
    Thread.Sleep(50);
}

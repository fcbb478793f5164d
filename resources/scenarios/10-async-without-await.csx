// @title     async without await runs synchronously (and stores exceptions)
// @questions 10
// @topic     Internals
// @knob AddYield = false "Add await Task.Yield() at the start of ComputeTotalAsync"
// @expect outcome completed
// @expect lint async-without-await
// @expect end-at 200ms ± 2ms
// @expect-when AddYield=false output-order "ComputeTotalAsync: work finished" "Main: the call has returned" "Main: no exception yet" "Main: observed when awaited: order has no lines" "total = 42"
// @expect-when AddYield=true output-order "Main: the call has returned" "Main: no exception yet" "ComputeTotalAsync: work finished" "total = 42"
// @expect-when AddYield=false output-at "ComputeTotalAsync: work finished" 200ms
// @expect-when AddYield=false output-at "Main: the call has returned" 200ms
// @expect-when AddYield=true output-at "Main: the call has returned" 0ms
// @note L46: Without an await, this CPU work runs on the caller's thread: Main is busy for 200 ms.
// @note L53: Thrown inside an async method: it faults the returned Task instead of escaping the call.
// @note L68: The stored exception was rethrown only when Main waited for the task.
// @quiz Which line is printed first?
// @choice Main: the call has returned
// @answer ComputeTotalAsync: work finished
// @why Without an await, the async method runs entirely on the caller's thread, CPU work included, before the call returns.

/* @explain
A method can be marked `async` without containing any `await`. It compiles (with warning
CS1998) and it behaves like this:

- It runs **completely synchronously** on the caller's thread. `ComputeTotalAsync` keeps
  Main busy for 200 ms of CPU and returns an already completed task. The word `async` did
  not move the work anywhere — *work finished* prints before *the call has returned*.
- Exceptions are **not** thrown to the caller. `ValidateOrderAsync` throws, but the call
  returns normally with a faulted Task. The exception appears only when the task is
  awaited (or waited on). If nobody ever looks, it is silently lost.

Flip **AddYield** to give `ComputeTotalAsync` a real await: `await Task.Yield()` suspends
immediately and queues the rest to the ThreadPool. Now the call returns at 0 ms and the
CPU work appears on a pool lane instead of Main.

Prefer a plain method returning `Task.FromResult(...)` when there is nothing to await,
and `Task.Run` when you really want CPU work off the current thread. Mind the difference:
in a plain method a `throw` escapes at the call site, before any task exists; to keep the
async contract, return `Task.FromException(...)` instead.
*/

async Task<int> ComputeTotalAsync()
{
    if (AddYield)
        await Task.Yield();
    Cpu.Work(200);
    Console.WriteLine("ComputeTotalAsync: work finished");
    return 42;
}

async Task ValidateOrderAsync()
{
    throw new InvalidOperationException("order has no lines");
}

void Main()
{
    Task<int> total = ComputeTotalAsync();
    Console.WriteLine("Main: the call has returned");
    Task check = ValidateOrderAsync();
    Console.WriteLine("Main: no exception yet, it is stored in the task");
    try
    {
        check.GetAwaiter().GetResult();
    }
    catch (InvalidOperationException ex)
    {
        Console.WriteLine($"Main: observed when awaited: {ex.Message}");
    }
    Console.WriteLine($"total = {total.Result}");
}

// @title     Task.Run queues a delegate to the ThreadPool
// @questions 18
// @topic     Task.Run
// @expect outcome completed
// @expect end-at 150ms ± 2ms
// @expect output "a.iso: computing on a pool thread"
// @expect output "b.iso: computing on a pool thread"
// @expect output "checksums: 14"
// @expect output-at "checksums: 14" 150ms
// @note L47: Task.Run returns at once; the delegate waits in the pool's global queue for a worker.
// @note L40: Both checksums run at the same time on two pool threads and two cores.
// @note L50: .Result blocks Main until both tasks have finished.

/* @explain
`Task.Run(delegate)` is shorthand for "queue this delegate to the ThreadPool and give me a
Task for it". It returns immediately; a pool worker picks the item up, runs it, and
completes the Task with the delegate's return value (or its exception).

Here Main queues two 150 ms checksum calculations. Watch the global queue counter flick to
2, then two pool lanes start and run in parallel on two of the four cores. Main prints
*both queued* without waiting, then blocks on `.Result`. Both results are ready at
150 ms, not twice that, because the work ran in parallel.

Things to know about `Task.Run`:

- it is meant for **CPU-bound** work you want off the current thread;
- called from a pool thread, it puts the item in that worker's *local* queue;
  otherwise in the global queue;
- the task has no SynchronizationContext, so the delegate runs without one;
- given an async lambda, it returns a Task for the whole async operation (it *unwraps*
  the inner task).
*/

static int mainThread;

int CalculateChecksum(string file)
{
    if (Thread.CurrentThread.ManagedThreadId != mainThread)
        Console.WriteLine($"{file}: computing on a pool thread");
    Cpu.Work(150);
    return 7;
}

void Main()
{
    mainThread = Thread.CurrentThread.ManagedThreadId;
    Task<int> a = Task.Run(() => CalculateChecksum("a.iso"));
    Task<int> b = Task.Run(() => CalculateChecksum("b.iso"));
    Console.WriteLine("Main: both queued, Main is free to continue");
    Console.WriteLine($"checksums: {a.Result + b.Result}");
}

// @title     Task vs Thread: eight waits, eight threads or none
// @questions 7
// @topic     Tasks
// @knob UseThreads = false "Use eight dedicated Threads with Thread.Sleep"
// @expect outcome completed
// @expect end-at 200ms ± 2ms
// @expect-when UseThreads=false output "no thread was blocked"
// @expect-when UseThreads=false peak-pool-threads <= 4
// @expect-when UseThreads=true output "8 threads were created"
// @expect-when UseThreads=true peak-pool-threads = 0
// @note L53: Each Task.Delay is a timer entry, not a thread.
// @note L54: One task that completes when all eight timers have fired.

/* @explain
A **Thread** is an operating-system worker with its own stack (about 1 MB reserved). It
runs one piece of code from start to end and cannot hand back a result. A **Task** is a
small object describing an operation that will finish later; it may run on a pool thread,
or on no thread at all.

Both versions of this program wait 200 ms eight times in parallel and finish at 200 ms.
The difference is what the timeline shows underneath:

- Default: eight `Task.Delay` timers. No thread exists for them. When they fire, a pool
  worker completes each task in an instant, and one `WhenAll` task collects them.
- **UseThreads**: eight `new Thread` lanes appear, each *blocked* in `Thread.Sleep` for the
  whole 200 ms — eight stacks doing nothing. Joining them also blocks Main.

Tasks compose (`await`, `WhenAll`, results, exceptions, cancellation); threads have to be
coordinated by hand. Use a dedicated Thread only for long-lived work that must own its
thread; otherwise express work as tasks and let the ThreadPool supply threads when code
actually needs to run.
*/

void Main()
{
    if (UseThreads)
    {
        var threads = new List<Thread>();
        for (int i = 0; i < 8; i++)
        {
            var worker = new Thread(() => Thread.Sleep(200));
            worker.Start();
            threads.Add(worker);
        }
        foreach (Thread w in threads)
            w.Join();
        Console.WriteLine("8 waits done: 8 threads were created and sat blocked");
    }
    else
    {
        var tasks = new List<Task>();
        for (int i = 0; i < 8; i++)
            tasks.Add(Task.Delay(200));
        Task.WhenAll(tasks).Wait();
        Console.WriteLine("8 waits done: no thread was blocked except Main");
    }
}

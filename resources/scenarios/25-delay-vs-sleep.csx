// @title     Task.Delay vs Thread.Sleep: wait without holding a thread
// @questions 25
// @topic     Delays and timers
// @knob UseThreadSleep = true "Pause with Thread.Sleep instead of await Task.Delay"
// @expect outcome completed
// @expect-when UseThreadSleep=true end-at 400ms ± 5ms
// @expect output "8 emails sent"
// @expect-when UseThreadSleep=true lint sleep-in-async
// @expect-when UseThreadSleep=false no-lint sleep-in-async
// @expect-when UseThreadSleep=false end-at 200ms ± 3ms
// @expect-when UseThreadSleep=false peak-pool-threads <= 4
// @note L45: The worker is blocked: it cannot run anything else while it sleeps.
// @note L56: Eight work items for a pool that starts with four threads.
// @quiz With Thread.Sleep, when are all eight emails sent?
// @choice 200 ms
// @answer 400 ms
// @choice 1600 ms
// @why The pool starts with four threads; Thread.Sleep holds each of them, so the eight items run in two waves of four.

/* @explain
Both calls pause for 200 ms; the difference is what happens to the thread.

- `Thread.Sleep(200)` **blocks the current thread**. The thread exists, holds its stack,
  and does nothing for 200 ms. On a UI thread the window freezes; on a pool thread the
  worker is unavailable to everybody else.
- `await Task.Delay(200)` registers a timer and **releases the thread**. The method
  resumes when the timer fires.

Eight emails are sent from eight pool work items on a 4-core machine, so the pool starts
with four workers. With **UseThreadSleep** on (the default), four workers sleep for
200 ms while four items wait in the queue; the second wave runs 200–400 ms. The pool lanes
are solid *blocked* bars.

With `Task.Delay`, each work item starts its timer and frees its worker immediately. All
eight waits overlap and the job is done at 200 ms; the lanes are nearly empty.

Use `Thread.Sleep` only on a dedicated thread where blocking is harmless; inside async code
always use `await Task.Delay`. And never use either to "wait for something": await the
thing itself.
*/

async Task SendEmailAsync(int id)
{
    if (UseThreadSleep)
        Thread.Sleep(200);          // holds the pool thread for 200 ms
    else
        await Task.Delay(200);      // lets the pool thread go
}

void Main()
{
    var sends = new List<Task>();
    for (int i = 0; i < 8; i++)
    {
        int id = i;
        sends.Add(Task.Run(async () => await SendEmailAsync(id)));
    }
    Task.WhenAll(sends).Wait();
    Console.WriteLine("8 emails sent");
}

// @title     Task.Delay: a timer that completes a task, no thread waits
// @questions 24
// @topic     Delays and timers
// @expect outcome completed
// @expect end-at 300ms ± 3ms
// @expect output "50 jobs polled 3 times each"
// @expect peak-pool-threads <= 4
// @expect no-lint blocking-pool-thread
// @note L36: 50 jobs wait here at the same time; the timer queue holds them, no thread does.
// @note L44: Only Main is blocked; the pool threads appear only for an instant each time the timers fire.

/* @explain
`Task.Delay(ms)` returns a Task that completes after the given time. Under the hood it
registers an entry with the runtime's timer queue; nothing runs and no thread is blocked
while it waits. When the timer fires, the runtime completes the task, and the awaiting
code continues on a ThreadPool thread (in an app without a SynchronizationContext).

Here 50 jobs poll a status three times, pausing 100 ms between polls: 150 delays in all,
50 at a time. The run takes 300 ms, and the pool never needs more than its four
threads: each time the timers fire, the continuations are zero-cost bursts that a few
workers drain in no time. Watch the thread counter stay flat while 50 tasks are waiting.

Things worth knowing:

- the delay is a minimum: the timer's resolution (about 1 ms on Linux, 15.6 ms by
  default on Windows — see `24-timer-resolution`) and a busy ThreadPool can make
  it longer;
- `Task.Delay(ms, token)` ends early as Canceled when the token is canceled;
- it is the async replacement for `Thread.Sleep` (see question 25).
*/

async Task<int> PollStatusAsync(string job)
{
    for (int attempt = 1; attempt <= 3; attempt++)
    {
        await Task.Delay(100);   // a timer, not a thread
    }
    return 3;
}

void Main()
{
    Task<int>[] polls = Enumerable.Range(1, 50).Select(i => PollStatusAsync($"job-{i}")).ToArray();
    Task.WhenAll(polls).Wait();
    Console.WriteLine("50 jobs polled 3 times each in 300 ms");
}

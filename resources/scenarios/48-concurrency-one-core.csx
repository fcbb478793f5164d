// @title     Concurrency on one core: waits overlap, computation takes turns
// @questions 48
// @topic     Basics
// @cores 1
// @expect outcome completed
// @expect-when cores=1 end-at 500ms ± 5ms
// @expect-when cores=1 output "4 images processed on 1 core(s)"
// @expect-when cores=4 end-at 200ms ± 5ms
// @expect-when cores=4 output "4 images processed on 4 core(s)"
// @expect output-at "first image downloaded" 100ms
// @note L45: Four downloads overlap: concurrency without any parallel hardware.
// @note L48: One core: the four filters run one after another, 100-500 ms.
// @quiz On one core, when does the program end?
// @choice 200 ms
// @answer 500 ms
// @choice 800 ms
// @why The four downloads overlap (100 ms), but the four 100 ms filters must take turns on the single core.

/* @explain
**Concurrency** means several tasks are in progress during the same period: they have
started and not finished. **Parallelism** means several things literally execute at the
same instant, which needs several cores. Concurrency is about structure, parallelism about
hardware.

This machine has **one** core. Four images are each downloaded (100 ms of waiting) and
then filtered (100 ms of CPU).

- The four downloads are concurrent and overlap perfectly: all done at 100 ms. Waiting
  needs no core, so one core is enough.
- The four filters cannot overlap. The single core runs them one after another, from
  100 ms to 500 ms. The busy-cores counter is pinned at 1.

Compare with `48-parallelism-four-cores`: the same program on four cores finishes at
200 ms, because the filters then run in parallel.

async/await gives you concurrency cheaply — many operations in flight on few threads. It
does not give you parallelism; only multiple cores (used via the ThreadPool, `Task.Run`,
`Parallel.For`…) do that, and only for CPU work.
*/

static int downloaded;

async Task<int> ProcessImageAsync(int id)
{
    await Http.GetAsync($"https://images.example/raw/{id}", 100);   // waiting: needs no core
    if (Interlocked.Increment(ref downloaded) == 1)
        Console.WriteLine("first image downloaded");
    Cpu.Work(100);   // filtering: needs a core
    return id;
}

void Main()
{
    Task<int>[] jobs = Enumerable.Range(1, 4).Select(id => ProcessImageAsync(id)).ToArray();
    Task.WhenAll(jobs).Wait();
    Console.WriteLine($"4 images processed on {Environment.ProcessorCount} core(s)");
}

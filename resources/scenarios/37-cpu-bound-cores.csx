// @title     CPU-bound work: only more cores make it faster
// @questions 37
// @topic     Basics
// @knob UseTaskRun = true "Spread the chunks over the ThreadPool with Task.Run"
// @expect outcome completed
// @expect-when cores=1,UseTaskRun=true end-at 800ms ± 5ms
// @expect-when cores=4,UseTaskRun=true end-at 200ms ± 3ms
// @expect output "8 chunks hashed"
// @expect-when UseTaskRun=false end-at 800ms ± 3ms
// @note L40: 100 ms of pure computation: it needs a core the whole time.
// @note L48: Eight work items for four cores: two rounds of four.
// @quiz On four cores, how long do the eight 100 ms chunks take?
// @choice 100 ms
// @answer 200 ms
// @choice 800 ms
// @why CPU work needs a core: four chunks at a time, two rounds.

/* @explain
**CPU-bound** work spends its time computing: hashing, compressing, resizing images,
parsing. It needs a CPU core for every millisecond of its run, so there is nothing to
"await" — no waiting happens that a thread could be released from.

This machine has 4 cores. Eight chunks need 100 ms of CPU each:

- With `Task.Run` (the default) the chunks become pool work items. Four run at once, one
  per core, then the next four: done at 200 ms. The busy-cores counter sits at 4.
- Flip **UseTaskRun** off: Main hashes the chunks one after another on one core. 800 ms,
  with three cores idle.

Note what `async`/`await` does *not* do here: wrapping `Cpu.Work` in an async method
without `Task.Run` would still run it on the calling thread. The only ways to speed up
CPU-bound work are doing less of it or using more cores in parallel. Adding threads beyond
the core count does not help either; they just take turns (try it: the pool may add
threads, the end time stays 200 ms). On a UI thread, use `Task.Run` to keep the CPU work
away from the thread that must stay responsive (question 19).
*/

int HashChunk(int chunk)
{
    Cpu.Work(100);
    return chunk;
}

void Main()
{
    if (UseTaskRun)
    {
        Task<int>[] parts = Enumerable.Range(1, 8).Select(i => Task.Run(() => HashChunk(i))).ToArray();
        Task.WhenAll(parts).Wait();
    }
    else
    {
        for (int i = 1; i <= 8; i++)
            HashChunk(i);
    }
    Console.WriteLine("8 chunks hashed");
}

// @title     Parallelism on four cores: the same program, computation overlaps too
// @questions 48
// @topic     Basics
// @cores 4
// @expect outcome completed
// @expect-when cores=4 end-at 200ms ± 5ms
// @expect-when cores=4 output "4 images processed on 4 core(s)"
// @expect output-at "first image downloaded" 100ms
// @expect-when cores=1 end-at 500ms ± 5ms
// @note L39: Four continuations run on four pool threads on four cores at the same time.

/* @explain
This is `48-concurrency-one-core` with four cores instead of one. Nothing in the code
changed.

The downloads overlap exactly as before (concurrency; done at 100 ms). When they
complete, their continuations are picked up by four pool threads, and now each thread has
its own core: the four 100 ms filters run **in parallel**, and the program ends at
200 ms instead of 500 ms. The busy-cores counter reaches 4.

Putting the two runs side by side shows the distinction:

- 1 core: the waits overlap (concurrency), the CPU work does not: 500 ms;
- 4 cores: the waits overlap and the CPU work overlaps too (parallelism): 200 ms.

Concurrency is a property of how the program is written — it starts work without waiting
for previous work to finish. Parallelism is what the hardware does with the CPU-bound parts
when it has more than one core. A web server relies on the first for I/O; image processing
or compression needs the second.
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

// @title     I/O-bound work: six downloads on a single core in 100 ms
// @questions 38
// @topic     Basics
// @cores 1
// @knob CpuBound = false "Replace the downloads with 100 ms of CPU work each"
// @expect outcome completed
// @expect-when CpuBound=false end-at 100ms ± 3ms
// @expect-when CpuBound=false peak-pool-threads <= 1
// @expect output "6 files done"
// @expect-when cores=4,CpuBound=true end-at 200ms ± 5ms
// @expect-when cores=1,CpuBound=true end-at 600ms ± 5ms
// @note L47: Waiting for the network needs no core: six waits overlap on one core.
// @note L52: All six operations start at once.
// @quiz On a single core, how long do the six 100 ms downloads take?
// @answer 100 ms
// @choice 600 ms
// @why Waiting for I/O needs no core, so all six waits overlap.

/* @explain
**I/O-bound** work spends its time waiting for something outside the CPU: a network
response, a disk read, a database query. While it waits, no code runs. With async I/O no
thread is needed either — the operating system signals completion later.

This machine has a single core. Six downloads of 100 ms each start together and all
finish at 100 ms: the I/O bars overlap, the busy-cores counter stays near zero, and the
one pool thread only appears for an instant to run the continuations.

Flip **CpuBound** and each operation becomes 100 ms of computation instead. Now the single
core is the bottleneck: the work items queue up and run one after another, finishing at
600 ms. Nothing about `async` can change that.

This is the main practical distinction:

- for I/O-bound work, use the asynchronous API and `await` it; concurrency is nearly free
  and you do not need extra threads (no `Task.Run`);
- for CPU-bound work, throughput is limited by cores; use `Task.Run` to parallelise or to
  keep a UI thread free (question 37).
*/

async Task<string> DownloadAsync(int file)
{
    if (CpuBound)
    {
        await Task.Run(() => Cpu.Work(100));
        return $"file {file}";
    }
    return await Http.GetAsync($"https://cdn.example/files/{file}", 100);
}

void Main()
{
    Task<string>[] downloads = Enumerable.Range(1, 6).Select(f => DownloadAsync(f)).ToArray();
    Task.WhenAll(downloads).Wait();
    Console.WriteLine("6 files done");
}

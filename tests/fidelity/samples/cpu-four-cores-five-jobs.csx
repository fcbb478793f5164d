// @title     Five CPU-bound jobs on four cores from async Main
// @cores 4
// @min-threads 5
// @expect outcome completed
// @expect end-at 125ms ± 15ms
// Held out: five threads share four cores; 500 ms of CPU over four cores ends at about
// 125 ms (the simulator slices in 10 ms quanta, the prelude shares continuously).

static async Task Main()
{
    var jobs = new List<Task>();
    for (int i = 1; i <= 5; i++)
        jobs.Add(Task.Run(() => Cpu.Work(100)));
    await Task.WhenAll(jobs);
    Console.WriteLine("five jobs done");
}

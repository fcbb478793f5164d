// @title     Four CPU-bound jobs share two cores: all finish together at twice the time
// @cores 2
// @min-threads 4
// @expect outcome completed
// @expect end-at 200ms
// Held out: four pool threads (min-threads 4) want CPU on two cores; time slicing gives
// each half a core, so 100 ms of work takes 200 ms for every job.

static void Main()
{
    var jobs = new List<Task>();
    for (int i = 1; i <= 4; i++)
    {
        // No line per job: with time slicing they end within one 10 ms quantum of
        // each other in the simulator, in any order on a real runtime.
        jobs.Add(Task.Run(() => Cpu.Work(100)));
    }
    Task.WaitAll(jobs.ToArray());
    Console.WriteLine("all done");
}

// @title     Pool starvation on two cores: blocked workers, one thread more per injection
// @cores 2
// @expect outcome completed
// Held out: six jobs block pool threads in .Wait() on a delay whose continuation needs
// the pool; the starting two threads cannot run it, so the pool must add threads
// (compensation on .NET, starvation injection on netfx).

static void Main()
{
    var jobs = new List<Task>();
    for (int i = 1; i <= 6; i++)
    {
        int id = i;
        jobs.Add(Task.Run(() =>
        {
            Console.WriteLine($"job {id} blocks");
            Task.Delay(100).Wait();
        }));
    }
    Task.WaitAll(jobs.ToArray());
    Console.WriteLine("all six done");
}

// @title     Thread.Sleep in pool work on two cores: no compensation for a plain sleep
// @cores 2
// @expect outcome completed
// Held out: four jobs sleep 1 s each on a two-thread pool. Sleeping is not a task wait,
// so .NET's blocking compensation does not react; the pool adds threads only through
// starvation injection (or hill climbing).

static void Main()
{
    var jobs = new List<Task>();
    for (int i = 1; i <= 4; i++)
    {
        int id = i;
        jobs.Add(Task.Run(() =>
        {
            Console.WriteLine($"job {id} starts");
            Thread.Sleep(1000);
        }));
    }
    Task.WaitAll(jobs.ToArray());
    Console.WriteLine("all four done");
}

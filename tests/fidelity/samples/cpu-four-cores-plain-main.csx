// @title     Four CPU-bound Task.Run jobs on four cores, from a plain static void Main
// @cores 4
// @expect outcome completed
// @expect end-at 200ms
// Pins two things the generated program once got wrong: a scenario whose entry is a
// plain `static void Main()` (the program has its own Main), and a pool that starts
// with @cores threads, so the four 200 ms jobs run side by side and end together.

static void Main()
{
    var jobs = new Task[4];
    for (int i = 0; i < 4; i++)
    {
        int id = i + 1;
        jobs[i] = Task.Run(() =>
        {
            Cpu.Work(200);
            Console.WriteLine($"job {id} done");
        });
    }
    Task.WaitAll(jobs);
    Console.WriteLine("all done");
}

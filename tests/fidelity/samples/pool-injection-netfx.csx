// @title     Pool injection on .NET Framework / Mono: one thread per 500 ms
// @cores 2
// @runtime netfx
// @expect outcome completed
// Pins when each blocked work item starts: the first `cores` at once, then one per
// starvation-injection period. Mono 6.8 reference: see docs/fidelity.md.

void Main()
{
    var jobs = new List<Task>();
    for (int i = 1; i <= 6; i++)
    {
        int id = i;
        jobs.Add(Task.Run(() =>
        {
            Console.WriteLine($"job {id} started");
            Task.Delay(100).Wait();
        }));
    }
    Task.WhenAll(jobs).Wait();
    Console.WriteLine("all done");
}

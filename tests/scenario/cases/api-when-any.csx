// @title WhenAny completes with the first task and never faults
async Task<string> After(int ms, string name) { await Task.Delay(ms); return name; }
async Task Boom() { await Task.Delay(10); throw new TimeoutException(); }
async Task Main()
{
    Task<string> winner = await Task.WhenAny(After(300, "slow"), After(100, "fast"));
    Console.WriteLine($"winner={winner.Result}");
    Task first = await Task.WhenAny(Boom(), Task.Delay(50));
    Console.WriteLine($"first faulted: {first.IsFaulted}");
}

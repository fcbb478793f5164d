// @title SemaphoreSlim(2) lets two in at a time, FIFO
static SemaphoreSlim gate = new SemaphoreSlim(2);
async Task WorkAsync(int id)
{
    await gate.WaitAsync();
    try
    {
        Console.WriteLine($"in {id} count={gate.CurrentCount}");
        await Task.Delay(100);
    }
    finally { gate.Release(); }
}
async Task Main()
{
    await Task.WhenAll(WorkAsync(1), WorkAsync(2), WorkAsync(3), WorkAsync(4), WorkAsync(5));
    Console.WriteLine($"done count={gate.CurrentCount}");
}

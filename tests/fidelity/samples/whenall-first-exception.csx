// @title     WhenAll waits for every task and await rethrows one failure
// @expect outcome completed
// Pins: on .NET 10 (net8) the failures are listed in the order they happened, so await
// rethrows the fast one; on Mono (netfx) in argument order, so the slow one although the
// fast one failed earlier. The run ends when the slowest task ends.

async Task FailAfterAsync(int ms, string what)
{
    await Task.Delay(ms);
    throw new InvalidOperationException(what);
}

async Task Main()
{
    Task slow = FailAfterAsync(200, "slow");
    Task fast = FailAfterAsync(50, "fast");
    Task all = Task.WhenAll(slow, fast);
    try
    {
        await all;
    }
    catch (InvalidOperationException ex)
    {
        Console.WriteLine($"caught {ex.Message}");
        Console.WriteLine($"inner exceptions: {all.Exception.InnerExceptions.Count}");
    }
}

// @title     WhenAll waits for every task and await rethrows the first in argument order
// @expect outcome completed
// Pins: the slow failure is listed first, so await rethrows it although the fast one
// failed earlier; the run ends when the slowest task ends.

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

// @title await inside try, catch and finally
async Task<int> Risky(int ms, bool fail)
{
    await Task.Delay(ms);
    if (fail) throw new InvalidOperationException($"failed after {ms}");
    return ms;
}
async Task Main()
{
    try
    {
        await Risky(10, true);
    }
    catch (InvalidOperationException e) when (e.Message.Contains("10"))
    {
        Console.WriteLine($"catch: {e.Message}");
        Console.WriteLine($"in catch: {await Risky(20, false)}");
    }
    finally
    {
        Console.WriteLine($"in finally: {await Risky(5, false)}");
    }
    try
    {
        try { await Risky(1, true); }
        finally { Console.WriteLine("inner finally"); }
    }
    catch (Exception e) { Console.WriteLine($"outer caught {e.GetType().Name}"); }
}

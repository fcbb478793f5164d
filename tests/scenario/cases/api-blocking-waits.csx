// @title .Result and .Wait() wrap in AggregateException, GetResult() does not
async Task<int> FailAsync() { await Task.Delay(10); throw new InvalidOperationException("nope"); }
void Main()
{
    try { int x = FailAsync().Result; }
    catch (AggregateException e) { Console.WriteLine($"Result: {e.GetType().Name} -> {e.InnerException.Message}"); }
    try { FailAsync().Wait(); }
    catch (AggregateException e) { Console.WriteLine($"Wait: {e.InnerExceptions.Count}"); }
    try { FailAsync().GetAwaiter().GetResult(); }
    catch (InvalidOperationException e) { Console.WriteLine($"GetResult: {e.Message}"); }
}

// @title FromResult, CompletedTask and Yield
async Task<int> CachedAsync() => await Task.FromResult(5);
async Task Main()
{
    Console.WriteLine(await CachedAsync());
    await Task.CompletedTask;
    Console.WriteLine($"still on {Thread.CurrentThread.ManagedThreadId}");
    await Task.Yield();
    Console.WriteLine($"after Yield on {Thread.CurrentThread.ManagedThreadId}");
    Task<int> failed = Task.FromException<int>(new ArgumentException("bad"));
    Console.WriteLine(failed.Status);
}

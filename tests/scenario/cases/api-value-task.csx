// @title async ValueTask<T> methods
async ValueTask<int> FastPathAsync(bool cached)
{
    if (cached) return 1;
    await Task.Delay(10);
    return 2;
}
async Task Main()
{
    Console.WriteLine(await FastPathAsync(true));
    Console.WriteLine(await FastPathAsync(false));
    ValueTask<int> vt = FastPathAsync(true);
    Console.WriteLine(await vt.AsTask());
}

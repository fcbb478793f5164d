// @title Bench: 1,000 HTTP calls throttled to 10 at a time
// @expect outcome completed
// @expect end-at 10000ms ± 5ms
static SemaphoreSlim throttle = new SemaphoreSlim(10);

async Task<string> FetchAsync(int i)
{
    await throttle.WaitAsync();
    try
    {
        return await Http.GetAsync($"https://api.example/items/{i}", 100);
    }
    finally
    {
        throttle.Release();
    }
}

async Task Main()
{
    var tasks = new List<Task<string>>();
    for (int i = 0; i < 1000; i++)
        tasks.Add(FetchAsync(i));
    string[] bodies = await Task.WhenAll(tasks);
    Console.WriteLine($"{bodies.Length} responses");
}

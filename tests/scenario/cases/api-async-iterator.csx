// @title await foreach over an async iterator
async IAsyncEnumerable<int> Numbers(int n)
{
    for (int i = 1; i <= n; i++)
    {
        await Task.Delay(10);
        yield return i * i;
    }
    Console.WriteLine("producer finished");
}
async Task Main()
{
    int total = 0;
    await foreach (var v in Numbers(3))
    {
        Console.WriteLine($"got {v}");
        total += v;
    }
    Console.WriteLine($"total {total}");
    await foreach (var v in Numbers(5))
    {
        if (v > 4) break;
        Console.WriteLine($"early {v}");
    }
    Console.WriteLine("after break");
}

// @title leaving await foreach early disposes the iterator: its finally blocks run
async IAsyncEnumerable<int> Gen()
{
    try
    {
        yield return 1;
        await Task.Delay(10);
        yield return 2;
    }
    finally
    {
        Console.WriteLine("cleanup");
    }
}
async Task Main()
{
    await foreach (var x in Gen())
    {
        Console.WriteLine(x);
        break;
    }
    Console.WriteLine("after");
    await foreach (var x in Gen())
        Console.WriteLine(x);
    Console.WriteLine("done");
}

// @title List<T>.ForEach runs the action per item on the calling thread; an async lambda there is async void and ForEach returns at its first await
async Task Main()
{
    var names = new List<string> { "a", "b", "c" };
    names.ForEach(n => Console.WriteLine($"sync {n}"));
    try
    {
        names.ForEach(n => names.Add(n));
    }
    catch (InvalidOperationException e)
    {
        Console.WriteLine($"{e.GetType().Name}: {e.Message} ({names.Count} items)");
    }
    names.RemoveAt(3);
    names.ForEach(async n =>
    {
        Console.WriteLine($"start {n}");
        await Task.Delay(100 * names.IndexOf(n) + 100);
        Console.WriteLine($"end {n}");
    });
    Console.WriteLine("ForEach returned");
    await Task.Delay(500);
}

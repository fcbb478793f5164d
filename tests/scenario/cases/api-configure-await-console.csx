// @title ConfigureAwait(false) and GetAwaiter on a console
async Task Main()
{
    await Task.Delay(10).ConfigureAwait(false);
    Console.WriteLine("resumed");
    var t = Task.Delay(5);
    t.GetAwaiter().GetResult();
    Console.WriteLine(t.IsCompleted);
    Console.WriteLine(t.Status == TaskStatus.RanToCompletion);
}

// @title Task.Delay resumes on a pool thread in a console app
async Task Main()
{
    Console.WriteLine($"before on {Thread.CurrentThread.ManagedThreadId}");
    await Task.Delay(100);
    Console.WriteLine("after 100 ms");
    await Task.Delay(TimeSpan.FromMilliseconds(50));
    Console.WriteLine("after 150 ms");
}

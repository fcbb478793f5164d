// @title ContinueWith, Unwrap, Stopwatch, linked tokens
async Task<int> Slow() { await Task.Delay(10); return 3; }
async Task Main()
{
    var sw = Stopwatch.StartNew();
    int v = await Task.Factory.StartNew(() => Slow()).Unwrap();
    Console.WriteLine($"unwrap {v} after {sw.ElapsedMilliseconds} ms");
    int doubled = await Slow().ContinueWith(t => t.Result * 2);
    Console.WriteLine($"continue {doubled}");
    var parent = new CancellationTokenSource();
    var linked = CancellationTokenSource.CreateLinkedTokenSource(parent.Token);
    linked.Token.Register(() => Console.WriteLine("linked canceled"));
    parent.Cancel();
    Console.WriteLine(linked.IsCancellationRequested);
    sw.Stop();
    Console.WriteLine(sw.Elapsed);
}

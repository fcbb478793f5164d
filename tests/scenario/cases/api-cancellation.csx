// @title CancellationTokenSource: timeout, Cancel, callbacks, ThrowIfCancellationRequested
async Task Main()
{
    var cts = new CancellationTokenSource(50);
    try { await Task.Delay(1000, cts.Token); }
    catch (TaskCanceledException e) { Console.WriteLine($"delay canceled: {e.Message}"); }
    var cts2 = new CancellationTokenSource();
    cts2.Token.Register(() => Console.WriteLine("r1"));
    cts2.Token.Register(() => Console.WriteLine("r2"));
    Console.WriteLine(cts2.Token.IsCancellationRequested);
    cts2.Cancel();
    Console.WriteLine(cts2.IsCancellationRequested);
    try { cts2.Token.ThrowIfCancellationRequested(); }
    catch (OperationCanceledException e) { Console.WriteLine(e.Message); }
    var cts3 = new CancellationTokenSource();
    cts3.CancelAfter(30);
    try { await Http.GetAsync("https://slow.example", 500, cts3.Token); }
    catch (OperationCanceledException) { Console.WriteLine("http canceled"); }
    Console.WriteLine(CancellationToken.None.IsCancellationRequested);
}

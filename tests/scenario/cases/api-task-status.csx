// @title Task properties
async Task<int> Work() { await Task.Delay(10); return 1; }
async Task Fail() { await Task.Delay(5); throw new InvalidOperationException("x"); }
async Task Main()
{
    var t = Work();
    Console.WriteLine($"{t.Status} {t.IsCompleted}");
    await t;
    Console.WriteLine($"{t.Status} {t.IsCompletedSuccessfully}");
    var f = Fail();
    try { await f; } catch { }
    Console.WriteLine($"{f.Status} {f.IsFaulted} {f.Exception.InnerException.Message}");
    var cts = new CancellationTokenSource();
    cts.Cancel();
    var c = Task.Delay(100, cts.Token);
    try { await c; } catch (OperationCanceledException) { }
    Console.WriteLine($"{c.Status} {c.IsCanceled}");
}

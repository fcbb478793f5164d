// @title WhenAll waits for every task; await throws the earliest failure (netfx: the first argument), Exception holds all
async Task Fail(int ms, string what) { await Task.Delay(ms); throw new InvalidOperationException(what); }
async Task Main()
{
    Task all = Task.WhenAll(Fail(200, "second"), Fail(100, "first"));
    try { await all; }
    catch (Exception e) { Console.WriteLine($"await threw {e.Message}"); }
    Console.WriteLine($"inner: {all.Exception.InnerExceptions.Count}");
    foreach (var inner in all.Exception.InnerExceptions) Console.WriteLine(inner.Message);
}

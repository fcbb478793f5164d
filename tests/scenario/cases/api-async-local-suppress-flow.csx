// @title ExecutionContext.SuppressFlow: queued work starts in the default context, an await loses the values, Undo belongs to its thread
static AsyncLocal<string> tenant = new AsyncLocal<string>();

static async Task Main()
{
    try { ExecutionContext.RestoreFlow(); }
    catch (InvalidOperationException e) { Console.WriteLine(e.Message); }

    tenant.Value = "contoso";
    var first = ExecutionContext.SuppressFlow();
    var second = ExecutionContext.SuppressFlow();
    Console.WriteLine($"suppressed twice: {ExecutionContext.IsFlowSuppressed()}");
    first.Undo();
    first.Undo();
    second.Dispose();
    Console.WriteLine($"after Undo: {ExecutionContext.IsFlowSuppressed()}");

    using (var suppressed = ExecutionContext.SuppressFlow())
    {
        ThreadPool.QueueUserWorkItem(_ => Console.WriteLine($"QueueUserWorkItem: [{tenant.Value}]"));
    }
    await Task.Delay(10);
    Console.WriteLine($"after the using block: {tenant.Value}");

    var kept = ExecutionContext.SuppressFlow();
    var other = new Thread(() =>
    {
        try { kept.Undo(); }
        catch (InvalidOperationException e) { Console.WriteLine($"[{tenant.Value}] {e.Message}"); }
    });
    other.Start();
    other.Join();
    await Task.Delay(10);
    Console.WriteLine($"after an await while suppressed: [{tenant.Value}] {ExecutionContext.IsFlowSuppressed()}");
}

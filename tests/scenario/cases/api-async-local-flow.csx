// @title AsyncLocal<T> flows with the ExecutionContext: into continuations, Task.Run, QueueUserWorkItem and threads, never back out of an async method
static AsyncLocal<string> user = new AsyncLocal<string>();

static async Task ChangeInsideAsync()
{
    user.Value = "changed in an async method";
    await Task.Delay(10);
    Console.WriteLine($"async method after its await: {user.Value}");
}

static async Task ChangeSynchronouslyAsync()
{
    user.Value = "changed before any await";
    await Task.CompletedTask;
}

static void ChangeInSyncMethod()
{
    user.Value = "changed in a plain method";
}

static async Task Main()
{
    Console.WriteLine($"start: [{user.Value}]");
    user.Value = "ann";
    await Task.Delay(10);
    Console.WriteLine($"after an await, on a pool thread: {user.Value}");
    await Task.Delay(10).ConfigureAwait(false);
    Console.WriteLine($"after ConfigureAwait(false): {user.Value}");

    Task run = Task.Run(() => Console.WriteLine($"Task.Run: {user.Value}"));
    user.Value = "bob";
    await run;
    var done = new TaskCompletionSource<bool>();
    ThreadPool.QueueUserWorkItem(_ => { Console.WriteLine($"QueueUserWorkItem: {user.Value}"); done.SetResult(true); });
    await done.Task;
    var thread = new Thread(() => Console.WriteLine($"new Thread: {user.Value}"));
    thread.Start();
    thread.Join();

    await ChangeInsideAsync();
    Console.WriteLine($"caller after the async method: {user.Value}");
    await ChangeSynchronouslyAsync();
    Console.WriteLine($"caller after a synchronous async method: {user.Value}");
    ChangeInSyncMethod();
    Console.WriteLine($"caller after a plain method: {user.Value}");

    user.Value = "cid";
    var flow = ExecutionContext.SuppressFlow();
    Console.WriteLine($"suppressed: {ExecutionContext.IsFlowSuppressed()}, here still {user.Value}");
    Task hidden = Task.Run(() => Console.WriteLine($"Task.Run with the flow suppressed: [{user.Value}]"));
    flow.Undo();
    await hidden;
    Console.WriteLine($"restored: {!ExecutionContext.IsFlowSuppressed()}");
    await Task.Run(() => Console.WriteLine($"Task.Run after Undo: {user.Value}"));
}

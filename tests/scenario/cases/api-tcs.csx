// @title TaskCompletionSource runs continuations inline unless asked not to
// @knob Async = false "RunContinuationsAsynchronously"
static TaskCompletionSource<string> tcs;
async Task WaitForIt()
{
    string v = await tcs.Task;
    Console.WriteLine($"got {v}");
}
async Task Main()
{
    tcs = Async ? new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously)
                : new TaskCompletionSource<string>();
    Task waiter = Task.Run(WaitForIt);
    await Task.Delay(10);
    tcs.SetResult("ok");
    Console.WriteLine("SetResult returned");
    Console.WriteLine(tcs.TrySetResult("again"));
    await waiter;
}

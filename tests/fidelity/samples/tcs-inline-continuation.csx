// @title     TaskCompletionSource: SetResult runs the awaiting continuation inline
// @knob Async = false "RunContinuationsAsynchronously"
// @expect outcome completed
// Pins: without the option the continuation runs on the completing pool thread before
// SetResult returns; with it, after.

static TaskCompletionSource<int> tcs;

async Task WaitForSignalAsync()
{
    int value = await tcs.Task;
    Console.WriteLine($"continuation got {value}");
}

void Main()
{
    tcs = Async
        ? new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)
        : new TaskCompletionSource<int>();
    Task waiter = WaitForSignalAsync();
    Task.Run(() =>
    {
        Thread.Sleep(50);
        tcs.SetResult(7);
        Console.WriteLine("SetResult returned");
    }).Wait();
    waiter.Wait();
    Console.WriteLine("done");
}

// @title     An idle pool thread takes work queued to a busy worker's local queue
// @expect outcome completed
// Pins: with RunContinuationsAsynchronously the continuation is queued to the pool
// (the setter's local queue, since the setter is a pool thread). Queuing requests a
// worker, so an idle worker steals it at once while the setter is still busy.

static TaskCompletionSource<int> tcs;
static int setterThread;

async Task WaiterAsync()
{
    int value = await tcs.Task;
    if (Thread.CurrentThread.ManagedThreadId == setterThread)
        Console.WriteLine("continuation on the setter's thread");
    else
        Console.WriteLine("continuation on another pool thread");
}

void Main()
{
    tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
    Task waiter = WaiterAsync();
    Task setter = Task.Run(() =>
    {
        Thread.Sleep(50);
        setterThread = Thread.CurrentThread.ManagedThreadId;
        tcs.SetResult(1);
        Thread.Sleep(100);   // the setter stays busy
        Console.WriteLine("setter done");
    });
    waiter.Wait();
    setter.Wait();
}

// @title Task.Yield on the UI thread posts back to the UI queue
// @environment ui
async void Button_Click()
{
    Console.WriteLine("before yield");
    await Task.Yield();
    Console.WriteLine($"after yield on {(Thread.CurrentThread.ManagedThreadId == 1 ? "UI" : "other")}");
    await Task.Delay(10).ConfigureAwait(false);
    Console.WriteLine($"after ConfigureAwait(false) on {(Thread.CurrentThread.ManagedThreadId == 1 ? "UI" : "other")}");
}

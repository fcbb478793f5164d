// @title a SynchronizationContext whose Post never runs the callback: the awaiting method never resumes
class BlackHole : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object state) { Console.WriteLine("dropped"); }
}
async Task WorkAsync() { await Task.Delay(5); Console.WriteLine("never"); }
async Task Main()
{
    SynchronizationContext.SetSynchronizationContext(new BlackHole());
    var t = WorkAsync();
    SynchronizationContext.SetSynchronizationContext(null);
    await Task.Delay(50);
    Console.WriteLine(t.Status);
}

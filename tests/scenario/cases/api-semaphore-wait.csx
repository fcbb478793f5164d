// @title SemaphoreSlim.Wait blocks threads
static SemaphoreSlim gate = new SemaphoreSlim(1, 1);
void Worker()
{
    gate.Wait();
    Console.WriteLine($"worker {Thread.CurrentThread.ManagedThreadId} in");
    Thread.Sleep(50);
    gate.Release();
}
void Main()
{
    var a = new Thread(Worker); var b = new Thread(Worker);
    a.Start(); b.Start(); a.Join(); b.Join();
    try { gate.Release(); gate.Release(); }
    catch (Exception e) { Console.WriteLine(e.GetType().Name); }
}

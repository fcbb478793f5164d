// @title Wait, WaitAll and WaitAny with a timeout
async Task<int> Slow(int ms) { await Task.Delay(ms); return ms; }
void Main()
{
    Task<int> slow = Slow(100);
    bool done = slow.Wait(30);
    Console.WriteLine($"Wait(30) {done} {slow.Status}");
    done = slow.Wait(TimeSpan.FromMilliseconds(200));
    Console.WriteLine($"Wait(200) {done} {slow.Result}");
    Console.WriteLine(slow.Wait(0));
    Task<int> a = Slow(50);
    Task<int> b = Slow(300);
    Console.WriteLine($"WaitAll 100: {Task.WaitAll(new[] { a, b }, 100)}");
    Console.WriteLine($"WaitAny b 10: {Task.WaitAny(new[] { b }, 10)}");
    Console.WriteLine($"WaitAny a b 10: {Task.WaitAny(new[] { b, a }, 10)}");
    Console.WriteLine($"WaitAll 1000: {Task.WaitAll(new[] { a, b }, 1000)}");
    Task bad = Task.Run(() => { Cpu.Work(5); throw new InvalidOperationException("boom"); });
    try
    {
        bad.Wait(1000);
    }
    catch (AggregateException e)
    {
        Console.WriteLine($"caught {e.InnerException.Message}");
    }
}

// @title ContinueWith queues its delegate to the pool
async Task<int> Slow(int ms) { await Task.Delay(ms); return ms; }
void Main()
{
    Task<int> first = Task.CompletedTask.ContinueWith(t => { Console.WriteLine($"already complete: {t.Status}"); return 1; });
    Console.WriteLine($"Main goes on, continuation {first.Status}");
    Console.WriteLine($"first {first.Result}");
    Task<int> slow = Slow(10);
    Task<int> doubled = slow.ContinueWith(t => { Console.WriteLine("continuation on the completing pool thread"); return t.Result * 2; });
    Console.WriteLine($"doubled {doubled.Status}");
    Console.WriteLine($"doubled {doubled.Result}");
    Task inline = Slow(20).ContinueWith(t => Console.WriteLine($"inline after {t.Result}"), TaskContinuationOptions.ExecuteSynchronously);
    inline.Wait();
    Task<Task<int>> nested = Task.CompletedTask.ContinueWith(async t => { await Task.Delay(10); return 5; });
    Task<int> inner = nested.Result;
    Console.WriteLine($"outer done, inner {inner.Status}");
    Console.WriteLine($"inner {inner.Result}");
    Task<int> failed = Task.FromException<int>(new InvalidOperationException("boom")).ContinueWith(t => t.IsFaulted ? -1 : 0);
    Console.WriteLine($"failed antecedent {failed.Result}");
}

// @title a single-threaded SynchronizationContext pumped by Main (every continuation comes back to thread 1)
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class SingleThreadContext : SynchronizationContext
{
    readonly List<Action> queue = new List<Action>();
    readonly SemaphoreSlim signal = new SemaphoreSlim(0);
    bool done;

    public override void Post(SendOrPostCallback d, object state)
    {
        lock (queue) { queue.Add(() => d(state)); }
        signal.Release();
    }

    public void Complete()
    {
        lock (queue) { done = true; }
        signal.Release();
    }

    public void RunOnCurrentThread()
    {
        while (true)
        {
            signal.Wait();
            Action next = null;
            lock (queue)
            {
                if (queue.Count > 0) { next = queue[0]; queue.RemoveAt(0); }
                else if (done) return;
            }
            next?.Invoke();
        }
    }
}

class Program
{
    static async Task DemoAsync()
    {
        for (int i = 0; i < 3; i++)
        {
            await Task.Delay(20);
            Console.WriteLine($"step {i} on thread {Environment.CurrentManagedThreadId}");
        }
    }

    static void Main()
    {
        var ctx = new SingleThreadContext();
        SynchronizationContext.SetSynchronizationContext(ctx);
        Task t = DemoAsync();
        t.ContinueWith(_ => ctx.Complete(), TaskScheduler.Default);
        ctx.RunOnCurrentThread();
        Console.WriteLine($"pump finished: {t.Status}");
    }
}

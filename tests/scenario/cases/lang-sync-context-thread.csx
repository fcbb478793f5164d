// @title a custom SynchronizationContext that runs every post on its own dedicated thread
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class SingleThreadContext : SynchronizationContext
{
    readonly List<Action> work = new List<Action>();
    readonly SemaphoreSlim ready = new SemaphoreSlim(0);
    public int Posts;

    public SingleThreadContext()
    {
        var t = new Thread(Loop);
        t.IsBackground = true;
        t.Start();
    }

    void Loop()
    {
        SynchronizationContext.SetSynchronizationContext(this);
        while (true)
        {
            ready.Wait();
            Action next;
            lock (work) { next = work[0]; work.RemoveAt(0); }
            next();
        }
    }

    public override void Post(SendOrPostCallback d, object state)
    {
        Posts++;
        lock (work) { work.Add(() => d(state)); }
        ready.Release();
    }
}

class Program
{
    static async Task<int> WorkAsync(int id)
    {
        Console.WriteLine($"{id} starts on a pool thread: {Thread.CurrentThread.IsThreadPoolThread}");
        await Task.Delay(50 * id);
        Console.WriteLine($"{id} resumes on a pool thread: {Thread.CurrentThread.IsThreadPoolThread}");
        return id;
    }

    static async Task Main()
    {
        var ctx = new SingleThreadContext();
        var done = new TaskCompletionSource<int>();
        ctx.Post(async _ =>
        {
            int a = await WorkAsync(1);
            int b = await WorkAsync(2);
            done.SetResult(a + b);
        }, null);
        Console.WriteLine($"sum {await done.Task}, posts {ctx.Posts}");
    }
}

// @title a custom SynchronizationContext: Post overrides decide where continuations run
using System;
using System.Threading;
using System.Threading.Tasks;

class PoolContext : SynchronizationContext
{
    int posts = 0;

    public override void Post(SendOrPostCallback d, object state)
    {
        posts++;
        Console.WriteLine($"Post #{posts} from pool thread: {Thread.CurrentThread.IsThreadPoolThread}");
        ThreadPool.QueueUserWorkItem(_ =>
        {
            SynchronizationContext.SetSynchronizationContext(this);
            d(state);
        });
    }

    public override void Send(SendOrPostCallback d, object state) => d(state);
}

class InlineContext : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object state)
    {
        Console.WriteLine("inline post");
        d(state);
    }
}

class Program
{
    static async Task StepsAsync()
    {
        Console.WriteLine($"current is PoolContext: {SynchronizationContext.Current is PoolContext}");
        await Task.Delay(100);
        Console.WriteLine($"after first await, context: {SynchronizationContext.Current is PoolContext}");
        await Task.Delay(100);
        Console.WriteLine("after second await");
        await Task.Delay(50).ConfigureAwait(false);
        Console.WriteLine($"after ConfigureAwait(false), context: {SynchronizationContext.Current != null}");
    }

    static async Task InlineAsync()
    {
        SynchronizationContext.SetSynchronizationContext(new InlineContext());
        await Task.Delay(10);
        Console.WriteLine($"inline resumed, pool thread: {Thread.CurrentThread.IsThreadPoolThread}");
        SynchronizationContext.SetSynchronizationContext(null);
    }

    static async Task Main()
    {
        SynchronizationContext.SetSynchronizationContext(new PoolContext());
        await StepsAsync();
        Console.WriteLine("steps done");
        SynchronizationContext.SetSynchronizationContext(null);
        await Task.Run(() => InlineAsync());
        Console.WriteLine("done");
    }
}

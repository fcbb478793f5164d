// @title Interlocked: increments from many pool threads are not lost
using System;
using System.Threading;
using System.Threading.Tasks;

class Counter
{
    public int Hits;
    public void Hit() => Interlocked.Increment(ref Hits);
}

class Program
{
    static int total = 0;
    static long flag = 0;

    static async Task Main()
    {
        var counter = new Counter();
        var tasks = new Task[8];
        for (int i = 0; i < tasks.Length; i++)
        {
            tasks[i] = Task.Run(async () =>
            {
                for (int k = 0; k < 5; k++)
                {
                    Interlocked.Increment(ref total);
                    counter.Hit();
                    await Task.Delay(1);
                }
            });
        }
        await Task.WhenAll(tasks);
        int local = 10;
        Interlocked.Add(ref local, 5);
        int old = Interlocked.Exchange(ref local, 100);
        long was = Interlocked.CompareExchange(ref flag, 1, 0);
        long again = Interlocked.CompareExchange(ref flag, 2, 0);
        Console.WriteLine($"total={total} hits={counter.Hits} local={local} old={old} was={was} again={again} flag={flag}");
        Console.WriteLine(Interlocked.Decrement(ref total));
    }
}

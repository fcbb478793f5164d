// @title Producer and consumer signalling through SemaphoreSlim
// Modelled on: the classic bounded producer/consumer before Channels existed: a queue
// guarded by a lock, one SemaphoreSlim counting items and one counting free slots.
// Our own code.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class WorkQueue
{
    private readonly List<string> items = new List<string>();
    private readonly SemaphoreSlim available = new SemaphoreSlim(0);
    private readonly SemaphoreSlim freeSlots;

    public WorkQueue(int capacity)
    {
        freeSlots = new SemaphoreSlim(capacity);
    }

    public async Task AddAsync(string item)
    {
        await freeSlots.WaitAsync();
        lock (items)
            items.Add(item);
        available.Release();
    }

    public async Task<string> TakeAsync()
    {
        await available.WaitAsync();
        string item;
        lock (items)
        {
            item = items[0];
            items.RemoveAt(0);
        }
        freeSlots.Release();
        return item;
    }
}

class Program
{
    static async Task ProduceAsync(WorkQueue queue, int count)
    {
        for (int i = 1; i <= count; i++)
        {
            await Task.Delay(20);
            await queue.AddAsync($"order-{i}");
            Console.WriteLine($"queued order-{i}");
        }
        await queue.AddAsync("stop");
    }

    static async Task ConsumeAsync(WorkQueue queue)
    {
        while (true)
        {
            string item = await queue.TakeAsync();
            if (item == "stop")
                break;
            await Task.Delay(120);
            Console.WriteLine($"shipped {item}");
        }
        Console.WriteLine("consumer done");
    }

    static async Task Main()
    {
        var queue = new WorkQueue(2);
        await Task.WhenAll(ProduceAsync(queue, 4), ConsumeAsync(queue));
    }
}

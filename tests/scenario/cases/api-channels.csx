// @title Channels: a bounded producer/consumer
// Checked against .NET 10 (`dotnet run`, three runs): from "read 2" on, .NET prints the
// same lines in the same order, the reads 100 ms apart on pool threads; the first
// writes and "read 1" race on real threads (.NET: wrote 1, read 1, wrote 2, wrote 3).
// The bounded channel holds 2: "wrote 3" waits until "read 1" makes room.
using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

class Program
{
    static async Task Main()
    {
        var channel = Channel.CreateBounded<int>(2);
        var producer = Task.Run(async () =>
        {
            for (int i = 1; i <= 5; i++)
            {
                await channel.Writer.WriteAsync(i);
                Console.WriteLine($"wrote {i}");
            }
            channel.Writer.Complete();
        });
        var consumer = Task.Run(async () =>
        {
            await foreach (var item in channel.Reader.ReadAllAsync())
            {
                Console.WriteLine($"read {item} pool={Thread.CurrentThread.IsThreadPoolThread}");
                await Task.Delay(100);
            }
            Console.WriteLine("reader done");
        });
        await Task.WhenAll(producer, consumer);
        await channel.Reader.Completion;
        Console.WriteLine($"completed {channel.Reader.Completion.Status}");

        var unbounded = Channel.CreateUnbounded<string>();
        Console.WriteLine(unbounded.Writer.TryWrite("a"));
        Console.WriteLine(unbounded.Reader.TryRead(out var s) + " " + s);
        Console.WriteLine(unbounded.Reader.TryRead(out var none));
        var pending = unbounded.Reader.ReadAsync().AsTask();
        Console.WriteLine(pending.IsCompleted);
        await Task.Delay(50);
        unbounded.Writer.TryWrite("late");
        Console.WriteLine(await pending);
        unbounded.Writer.Complete();
        Console.WriteLine(await unbounded.Reader.WaitToReadAsync());
        try { await unbounded.Writer.WriteAsync("x"); }
        catch (ChannelClosedException e) { Console.WriteLine(e.Message); }
        try { await unbounded.Reader.ReadAsync(); }
        catch (InvalidOperationException e) { Console.WriteLine(e.GetType().Name); }
    }
}

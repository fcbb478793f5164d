// @title BoundedChannelOptions: what a write to a full channel does
// Checked against .NET 10 (`dotnet run`): the same 21 lines. A full bounded channel
// (capacity 2, items 1 2) given 3 then 4: Wait refuses both (kept 1 2), DropNewest
// keeps 1 4, DropOldest keeps 3 4, DropWrite keeps 1 2 but answers true.
using System;
using System.Threading.Channels;
using System.Threading.Tasks;

class Program
{
    static async Task Fill(BoundedChannelFullMode mode)
    {
        var channel = Channel.CreateBounded<int>(new BoundedChannelOptions(2)
        {
            FullMode = mode,
            SingleReader = true,
            SingleWriter = true,
        });
        for (int i = 1; i <= 4; i++)
            Console.WriteLine($"{mode}: TryWrite({i}) = {channel.Writer.TryWrite(i)}");
        channel.Writer.Complete();
        var kept = "";
        await foreach (int item in channel.Reader.ReadAllAsync())
            kept += item + " ";
        Console.WriteLine($"{mode}: kept {kept.Trim()}");
    }

    static async Task Main()
    {
        await Fill(BoundedChannelFullMode.Wait);
        await Fill(BoundedChannelFullMode.DropNewest);
        await Fill(BoundedChannelFullMode.DropOldest);
        await Fill(BoundedChannelFullMode.DropWrite);

        var unbounded = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
        unbounded.Writer.TryWrite(7);
        Console.WriteLine($"unbounded: {await unbounded.Reader.ReadAsync()}");
    }
}

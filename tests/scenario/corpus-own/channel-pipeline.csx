// @title A bounded channel between a reader and a writer
// Needs: System.Threading.Channels (Channel.CreateBounded, ReadAllAsync; w/everyday)
// Modelled on: the modern producer/consumer with System.Threading.Channels: a bounded
// channel, a writer that completes it, a reader that drains it. Our own code.
using System;
using System.Threading.Channels;
using System.Threading.Tasks;

class Program
{
    static async Task WriteLogLinesAsync(ChannelWriter<string> writer)
    {
        for (int i = 1; i <= 4; i++)
        {
            await Task.Delay(40);
            await writer.WriteAsync($"line {i}");
        }
        writer.Complete();
    }

    static async Task<int> ShipLinesAsync(ChannelReader<string> reader)
    {
        int shipped = 0;
        await foreach (string line in reader.ReadAllAsync())
        {
            await Task.Delay(70);
            shipped++;
            Console.WriteLine($"shipped {line}");
        }
        return shipped;
    }

    static async Task Main()
    {
        var channel = Channel.CreateBounded<string>(2);
        Task writing = WriteLogLinesAsync(channel.Writer);
        Task<int> reading = ShipLinesAsync(channel.Reader);
        await writing;
        Console.WriteLine($"{await reading} lines shipped");
    }
}

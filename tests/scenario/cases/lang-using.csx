// @title using statements and declarations dispose at the end of their scope
using System;
using System.Threading;
using System.Threading.Tasks;

class Resource : IDisposable
{
    private readonly string name;
    public Resource(string name) { this.name = name; Console.WriteLine($"open {name}"); }
    public void Dispose() => Console.WriteLine($"dispose {name}");
}

class AsyncResource : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await Task.Delay(10);
        Console.WriteLine("disposed async");
    }
}

class Program
{
    static async Task Main()
    {
        using (var a = new Resource("a"))
        {
            Console.WriteLine("using a");
        }
        using var cts = new CancellationTokenSource(50);
        using var b = new Resource("b");
        await using (var r = new AsyncResource())
        {
            Console.WriteLine("using r");
        }
        try
        {
            await Task.Delay(100, cts.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("canceled");
        }
        Console.WriteLine("end of Main");
    }
}

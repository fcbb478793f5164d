// @title Lazy<T>: one factory run, concurrent readers wait for it
// Checked against .NET 10 (`dotnet run`): the same eight lines. Reader B asks for the
// Value while A runs the factory and blocks on Lazy's lock until A is done
// (ExecutionAndPublication); the factory runs once; its exception is cached and rethrown; a
// Lazy<Task<T>> hands every caller the same task. .NET printed:
//   created before: False / factory starts / reader A got settings #1 /
//   reader B got settings #1 / created after: True, factory runs: 1 /
//   attempt 0: no disk / attempt 1: no disk / config v1 / config v1 / same task: True
using System;
using System.Threading;
using System.Threading.Tasks;

class Program
{
    static int created;

    static async Task<string> LoadConfigAsync()
    {
        await Task.Delay(100);
        return "config v1";
    }

    static async Task Main()
    {
        var settings = new Lazy<string>(() =>
        {
            created++;
            Console.WriteLine("factory starts");
            Thread.Sleep(200);
            return "settings #" + created;
        });
        Console.WriteLine($"created before: {settings.IsValueCreated}");
        var a = Task.Run(() => Console.WriteLine($"reader A got {settings.Value}"));
        await Task.Delay(50);
        var b = Task.Run(() => Console.WriteLine($"reader B got {settings.Value}"));
        await Task.WhenAll(a, b);
        Console.WriteLine($"created after: {settings.IsValueCreated}, factory runs: {created}");

        var broken = new Lazy<int>(() => throw new InvalidOperationException("no disk"));
        for (int i = 0; i < 2; i++)
        {
            try { Console.WriteLine(broken.Value); }
            catch (InvalidOperationException e) { Console.WriteLine($"attempt {i}: {e.Message}"); }
        }

        var config = new Lazy<Task<string>>(() => LoadConfigAsync());
        string[] both = await Task.WhenAll(config.Value, config.Value);
        Console.WriteLine($"{both[0]} / {both[1]} / same task: {config.Value == config.Value}");
    }
}

// Task.WhenAll: which exception does `await` rethrow, and in which order are the
// failures collected? The first argument fails after 200 ms, the second after 100 ms.
using System;
using System.Threading.Tasks;

public static class Program
{
    static async Task FailAfter(int ms, string message)
    {
        await Task.Delay(ms);
        throw new InvalidOperationException(message);
    }

    public static void Main()
    {
        // A plain Main so that the same file builds with mcs (C# 7.2) for Mono.
        Run().GetAwaiter().GetResult();
    }

    static async Task Run()
    {
        Task first = FailAfter(200, "first argument, fails at 200 ms");
        Task second = FailAfter(100, "second argument, fails at 100 ms");
        Task whenAll = Task.WhenAll(first, second);
        try
        {
            await whenAll;
        }
        catch (Exception e)
        {
            Console.WriteLine("await rethrew: " + e.Message);
        }
        int i = 0;
        foreach (Exception inner in whenAll.Exception.InnerExceptions)
            Console.WriteLine("InnerExceptions[" + i++ + "]: " + inner.Message);
    }
}

// Task.WhenAll: which exception does `await` rethrow, and in which order are the
// failures collected? The first argument fails after 200 ms, the second after 100 ms.
// Each line is run with plain tasks (Task.WhenAll(Task[]) is chosen) and with Task<int>
// tasks (C# picks the generic Task.WhenAll<TResult>), then Task.WaitAll.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

public static class Program
{
    static async Task FailAfter(int ms, string message)
    {
        await Task.Delay(ms);
        throw new InvalidOperationException(message);
    }

    static async Task<int> FailAfterOf(int ms, string message)
    {
        await Task.Delay(ms);
        throw new InvalidOperationException(message);
    }

    public static void Main()
    {
        // A plain Main so that the same file builds with mcs (C# 7.2) for Mono.
        Run().GetAwaiter().GetResult();
    }

    static async Task Show(string overload, Task whenAll)
    {
        try
        {
            await whenAll;
        }
        catch (Exception e)
        {
            Console.WriteLine(overload + ": await rethrew: " + e.Message);
        }
        int i = 0;
        foreach (Exception inner in whenAll.Exception.InnerExceptions)
            Console.WriteLine(overload + ": InnerExceptions[" + i++ + "]: " + inner.Message);
    }

    static async Task Run()
    {
        Task first = FailAfter(200, "first argument, fails at 200 ms");
        Task second = FailAfter(100, "second argument, fails at 100 ms");
        await Show("WhenAll(Task[])", Task.WhenAll(first, second));

        Task<int> firstOf = FailAfterOf(200, "first argument, fails at 200 ms");
        Task<int> secondOf = FailAfterOf(100, "second argument, fails at 100 ms");
        Task<int[]> generic = Task.WhenAll(firstOf, secondOf);
        await Show("WhenAll<int>(Task<int>[])", generic);
        try
        {
            Console.WriteLine(generic.Result.Length);
        }
        catch (AggregateException e)
        {
            foreach (Exception inner in e.InnerExceptions)
                Console.WriteLine("WhenAll<int>(Task<int>[]).Result: " + inner.Message);
        }

        try
        {
            Task.WaitAll(FailAfter(200, "first argument, fails at 200 ms"),
                         FailAfter(100, "second argument, fails at 100 ms"));
        }
        catch (AggregateException e)
        {
            foreach (Exception inner in e.InnerExceptions)
                Console.WriteLine("WaitAll: " + inner.Message);
        }
    }
}

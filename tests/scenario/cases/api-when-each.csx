// @title Task.WhenEach: handle tasks as they complete
// Checked against .NET 10 (`dotnet run`): the same four lines, each as its task finishes
// (100, 200, 300 ms) on a pool thread.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Program
{
    static async Task<string> FetchAsync(string name, int ms)
    {
        await Task.Delay(ms);
        return name;
    }

    static async Task Main()
    {
        var tasks = new List<Task<string>> { FetchAsync("slow", 300), FetchAsync("fast", 100), FetchAsync("medium", 200) };
        await foreach (Task<string> t in Task.WhenEach(tasks))
            Console.WriteLine($"{await t} done, pool={Thread.CurrentThread.IsThreadPoolThread}");
        Console.WriteLine("all done");
    }
}

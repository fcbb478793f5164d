// @title classes: positional records (printing, value equality) and extension methods
using System;
using System.Threading.Tasks;

record Point(int X, int Y);

record Order(string Item, int Count)
{
    public int Total() => Count * 3;
}

static class TaskExtensions
{
    public static async Task<T> WithTimeout<T>(this Task<T> task, int ms)
    {
        var winner = await Task.WhenAny(task, Task.Delay(ms));
        if (winner != task)
            throw new TimeoutException($"timed out after {ms} ms");
        return await task;
    }

    public static string Shout(this string s) => s.ToUpper() + "!";
}

class Program
{
    static async Task<int> SlowAsync(int ms)
    {
        await Task.Delay(ms);
        return ms;
    }

    static async Task Main()
    {
        var p = new Point(1, 2);
        var q = new Point(1, 2);
        Console.WriteLine(p);
        Console.WriteLine(p == q);
        Console.WriteLine(p.Equals(new Point(2, 1)));
        Console.WriteLine(p.X + q.Y);
        var o = new Order("eggs", 4);
        Console.WriteLine($"{o} costs {o.Total()}");
        Console.WriteLine("hello".Shout());
        Console.WriteLine(await SlowAsync(50).WithTimeout(100));
        try
        {
            await SlowAsync(300).WithTimeout(100);
        }
        catch (TimeoutException ex)
        {
            Console.WriteLine(ex.Message);
        }
    }
}

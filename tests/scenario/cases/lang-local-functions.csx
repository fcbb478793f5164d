// @title local functions (static ones, hoisted to methods)
using System;
using System.Threading.Tasks;

class Program
{
    static async Task Main()
    {
        int total = 0;
        foreach (var ms in new[] { 30, 10, 20 })
            total += await WaitAndReport(ms);
        Console.WriteLine($"total {total}");

        static async Task<int> WaitAndReport(int ms)
        {
            await Task.Delay(ms);
            Console.WriteLine($"waited {ms}");
            return ms;
        }

        int Twice(int x) => x * 2;
        Console.WriteLine(Twice(total));
    }
}

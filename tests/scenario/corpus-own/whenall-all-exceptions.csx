// @title WhenAll: the first exception and all of them
// Modelled on: the well-known explanation of how `await Task.WhenAll` rethrows only
// one exception while the returned task's Exception holds every failure. Our own code.
using System;
using System.Linq;
using System.Threading.Tasks;

class Inventory
{
    public async Task<int> CountAsync(string store, int ms, bool broken)
    {
        await Task.Delay(ms);
        if (broken)
            throw new InvalidOperationException($"{store} is offline");
        Console.WriteLine($"{store} counted");
        return ms / 10;
    }
}

class Program
{
    static async Task Main()
    {
        var inventory = new Inventory();
        Task<int>[] counts =
        {
            inventory.CountAsync("north", 100, false),
            inventory.CountAsync("south", 300, true),
            inventory.CountAsync("east", 200, true),
        };
        Task<int[]> all = Task.WhenAll(counts);
        try
        {
            int[] totals = await all;
            Console.WriteLine($"total {totals.Sum()}");
        }
        catch (Exception ex)
        {
            Console.WriteLine($"caught: {ex.Message}");
            Console.WriteLine($"failures: {all.Exception.InnerExceptions.Count}");
            foreach (var inner in all.Exception.InnerExceptions.OrderBy(e => e.Message))
                Console.WriteLine($" - {inner.Message}");
        }
        Console.WriteLine($"north still finished: {counts[0].Result}");
    }
}

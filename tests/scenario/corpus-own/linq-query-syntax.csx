// @title Awaited results grouped with LINQ query syntax
// Modelled on: the common "await the downloads, then group and order the results with
// a query expression" code. Our own code.
using System;
using System.Linq;
using System.Threading.Tasks;

class Sale
{
    public string Region { get; set; }
    public int Amount { get; set; }
}

class Program
{
    static async Task<Sale> LoadAsync(string region, int amount, int ms)
    {
        await Db.QueryAsync($"select sum(amount) from sales where region = '{region}'", ms);
        return new Sale { Region = region, Amount = amount };
    }

    static async Task Main()
    {
        Sale[] sales = await Task.WhenAll(
            LoadAsync("north", 120, 60), LoadAsync("south", 80, 40),
            LoadAsync("north", 30, 20), LoadAsync("west", 200, 80));

        var totals = from s in sales
                     group s by s.Region into g
                     orderby g.Sum(x => x.Amount) descending
                     select $"{g.Key}: {g.Sum(x => x.Amount)}";
        foreach (string line in totals)
            Console.WriteLine(line);
    }
}

// @title LINQ operators with lambdas, GroupBy and query syntax
// Checked against .NET 10 (`dotnet run`): the same fourteen lines, among them
//   3 big, any over 100: True, all positive: True / sum 277, max 120, min 12, avg 55.4 /
//   none is null: True, no match: 0 / ana: 2 orders, 105 / bo=160 ana=105 /
//   True after checking 2 (Any stops at the first match) /
//   Sequence contains no matching element /
//   An item with the same key has already been added. Key: ana
using System;
using System.Collections.Generic;
using System.Linq;

class Order
{
    public string Customer { get; set; }
    public int Total { get; set; }
}

class Program
{
    static void Main()
    {
        var orders = new List<Order>
        {
            new Order { Customer = "ana", Total = 30 },
            new Order { Customer = "bo", Total = 120 },
            new Order { Customer = "ana", Total = 75 },
            new Order { Customer = "cy", Total = 12 },
            new Order { Customer = "bo", Total = 40 },
        };
        Console.WriteLine($"{orders.Count(o => o.Total > 35)} big, any over 100: {orders.Any(o => o.Total > 100)}, all positive: {orders.All(o => o.Total > 0)}");
        Console.WriteLine($"first big: {orders.First(o => o.Total > 35).Customer}, last small: {orders.Last(o => o.Total < 35).Customer}");
        Console.WriteLine($"sum {orders.Sum(o => o.Total)}, max {orders.Max(o => o.Total)}, min {orders.Min(o => o.Total)}, avg {orders.Average(o => o.Total)}");
        Order none = orders.FirstOrDefault(o => o.Total > 1000);
        Console.WriteLine($"none is null: {none == null}, no match: {new[] { 1, 2 }.FirstOrDefault(n => n > 5)}");
        Console.WriteLine(string.Join(",", orders.Select(o => o.Customer).Distinct()));
        Console.WriteLine(string.Join(",", orders.Skip(1).Take(2).Select(o => o.Total)));
        foreach (var g in orders.GroupBy(o => o.Customer))
            Console.WriteLine($"{g.Key}: {g.Count()} orders, {g.Sum(o => o.Total)}");
        var byName = orders.GroupBy(o => o.Customer, o => o.Total).ToDictionary(g => g.Key, g => g.Max());
        Console.WriteLine($"bo's biggest: {byName["bo"]}, {byName.Count} customers");
        var ranked = from o in orders
                     where o.Total > 20
                     group o.Total by o.Customer into g
                     orderby g.Sum() descending
                     select $"{g.Key}={g.Sum()}";
        Console.WriteLine(string.Join(" ", ranked));
        var checkedItems = new List<int>();
        bool found = orders.Any(o => { checkedItems.Add(o.Total); return o.Total > 100; });
        Console.WriteLine($"{found} after checking {checkedItems.Count}");
        try { orders.First(o => o.Total > 500); }
        catch (InvalidOperationException e) { Console.WriteLine(e.Message); }
        try { orders.ToDictionary(o => o.Customer); }
        catch (ArgumentException e) { Console.WriteLine(e.Message); }
    }
}

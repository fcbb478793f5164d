// @title LINQ join: orders matched with their customers
// Checked against .NET 10 (`dotnet run`): the same four lines:
//   ana: 15, bo: 40, bo: 5 / bo=40, ana=15 / ana15 bo40 bo5 /
//   0 results, inner key asked 0 times
using System;
using System.Collections.Generic;
using System.Linq;

class Customer
{
    public int Id;
    public string Name;
    public Customer(int id, string name) { Id = id; Name = name; }
}

class Order
{
    public int CustomerId;
    public int Total;
    public Order(int customerId, int total) { CustomerId = customerId; Total = total; }
}

class Program
{
    static void Main()
    {
        var customers = new List<Customer> { new Customer(1, "ana"), new Customer(2, "bo"), new Customer(3, "cy") };
        var orders = new List<Order> { new Order(2, 40), new Order(1, 15), new Order(2, 5), new Order(9, 99) };
        var lines = from c in customers
                    join o in orders on c.Id equals o.CustomerId
                    select $"{c.Name}: {o.Total}";
        Console.WriteLine(string.Join(", ", lines));
        var big = from c in customers
                  join o in orders on c.Id equals o.CustomerId
                  where o.Total > 10
                  orderby o.Total descending
                  select c.Name + "=" + o.Total;
        Console.WriteLine(string.Join(", ", big));
        var pairs = customers.Join(orders, c => c.Id, o => o.CustomerId, (c, o) => c.Name + o.Total).ToList();
        Console.WriteLine(string.Join(" ", pairs));
        int calls = 0;
        var none = new List<Customer>().Join(orders, c => c.Id, o => { calls++; return o.CustomerId; }, (c, o) => c.Name).ToList();
        Console.WriteLine($"{none.Count} results, inner key asked {calls} times");
    }
}

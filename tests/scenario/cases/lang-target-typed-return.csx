// @title target-typed new() in return statements and expression bodies
// Checked against .NET 10 (dotnet run): the expected output is what it printed.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

class Order
{
    public string Item;
    public int Count;
    public Order(string item = "none", int count = 0) { Item = item; Count = count; }
}

class Program
{
    static Order Make(string item) => new(item, 2);

    static Order Blank()
    {
        return new();
    }

    static async Task<Order> FetchAsync()
    {
        await Task.Delay(50);
        return new("tea", 3) { Count = 4 };
    }

    static List<int> Numbers() => new() { 1, 2, 3 };

    static async Task Main()
    {
        Order a = Make("eggs"), b = Blank(), c = await FetchAsync();
        Console.WriteLine($"{a.Item} {a.Count} | {b.Item} {b.Count} | {c.Item} {c.Count} | {Numbers().Count}");
    }
}

// @title with expressions: records (positional, properties, nested), structs, anonymous objects
// Checked against .NET 10 (`dotnet run`, 2026-12-05): the same lines in the same order.
using System;
using System.Threading.Tasks;

record Address(string City, string Street);
record Order(int Id, Address Ship, decimal Total)
{
    public string Note { get; init; } = "none";
}
record Person
{
    public string Name { get; init; } = "";
    public int Age { get; init; }
}
struct Point { public int X; public int Y; public override string ToString() => $"({X}, {Y})"; }

class Program
{
    static async Task Main()
    {
        var a = new Address("Oslo", "Main St");
        Order o = new Order(1, a, 10m) { Note = "first" };
        Order o2 = o with { Total = 12.5m };
        Console.WriteLine(o);
        Console.WriteLine(o2);
        Console.WriteLine(o == o2);
        Order o3 = o with { Ship = o.Ship with { City = "Bergen" }, Note = "moved" };
        Console.WriteLine(o3);
        Console.WriteLine(o.Ship.City);
        Console.WriteLine(o with { } == o);
        Person p = new Person { Name = "Ada", Age = 36 };
        Person q = p with { Age = p.Age + 1 };
        Console.WriteLine($"{p} {q}");
        await Task.Delay(10);
        Point pt = new Point { X = 1, Y = 2 };
        Point pt2 = pt with { Y = 5 };
        Console.WriteLine($"{pt} {pt2}");
        var anon = new { Name = "x", Count = 1 };
        var anon2 = anon with { Count = 2 };
        Console.WriteLine($"{anon} {anon2}");
    }
}

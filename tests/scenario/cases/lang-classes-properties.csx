// @title classes: auto-properties (instance and static, with initializers)
class Order
{
    public string Name { get; set; } = "none";
    public int Count { get; set; }
    public static int Made { get; set; }
    public Order(string name) { Name = name; Made++; }
    public void Add() => Count++;
}
class Program
{
    static void Main()
    {
        var o = new Order("tea") { Count = 2 };
        o.Add();
        o.Name = o.Name.ToUpper();
        Console.WriteLine($"{o.Name} {o.Count} {Order.Made}");
    }
}

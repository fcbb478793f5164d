// @title named arguments to instance methods, Interlocked on instance fields
// Checked against .NET 10 (dotnet run): the expected output is what it printed.
using System;
using System.Threading;

class Counter
{
    private int _count = 5;
    private string _owner = "first";

    public string Describe(string label, bool loud, int times) =>
        $"{label}:{(loud ? "LOUD" : "quiet")}x{times}";

    public string Swap(string next)
    {
        string old = Interlocked.Exchange(ref _owner, next);
        int was = Interlocked.CompareExchange(ref _count, 9, 5);
        return $"{old}->{_owner} {was}->{_count}";
    }
}

class Program
{
    static void Main()
    {
        var c = new Counter();
        Console.WriteLine(c.Describe("a", times: 2, loud: true));
        Console.WriteLine(c.Describe(loud: false, label: "b", times: 1));
        Console.WriteLine(c.Swap("second"));
        Console.WriteLine(c.Swap("third"));
    }
}

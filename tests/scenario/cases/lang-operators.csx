// @title user-defined operators: + - * < > on a class, with var operands and +=
// Checked against .NET 10 (`dotnet run`, 2026-12-05): the same lines in the same order.
using System;
using System.Threading.Tasks;

class Money
{
    public double Amount { get; }
    public string Currency { get; }
    public Money(double amount, string currency = "EUR") { Amount = amount; Currency = currency; }
    public static Money operator +(Money a, Money b) => new Money(a.Amount + b.Amount, a.Currency);
    public static Money operator -(Money a, Money b) => new Money(a.Amount - b.Amount, a.Currency);
    public static Money operator *(Money a, int n) => new Money(a.Amount * n, a.Currency);
    public static bool operator >(Money a, Money b) => a.Amount > b.Amount;
    public static bool operator <(Money a, Money b) => a.Amount < b.Amount;
    public override string ToString() => $"{Amount} {Currency}";
}

class Program
{
    static async Task<Money> PriceAsync(double amount)
    {
        await Task.Delay(10);
        return new Money(amount);
    }

    static async Task Main()
    {
        Money a = await PriceAsync(2.5);
        Money b = new Money(4);
        Money total = a + b;
        Console.WriteLine(total);
        var twice = total * 2;
        Console.WriteLine(twice - a);
        Console.WriteLine(a > b);
        Console.WriteLine(a < b);
        Money sum = new Money(0);
        foreach (var m in new[] { a, b, twice })
            sum = sum + m;
        Console.WriteLine($"sum {sum}");
        sum += a;
        Console.WriteLine($"sum {sum}");
    }
}

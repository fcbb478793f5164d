// @title classes: properties with bodies, init and private set, virtual properties, static properties
using System;
using System.Threading.Tasks;

class Account
{
    private int balance;
    private string owner = "nobody";

    public string Owner
    {
        get { return owner; }
        set
        {
            Console.WriteLine($"owner: {owner} -> {value}");
            owner = value;
        }
    }

    public int Balance => balance;

    public bool IsEmpty { get => balance == 0; }

    public int Deposits { get; private set; }

    public string Label { get; init; } = "plain";

    public virtual string Kind => "account";

    public static int Opened { get; set; }

    public static string Bank => $"bank with {Opened} accounts";

    public Account() { Opened++; }

    public async Task DepositAsync(int amount)
    {
        await Task.Delay(amount);
        balance += amount;
        Deposits++;
    }

    public string Describe() => $"{Kind} of {Owner}: {Balance} after {Deposits}";
}

class Savings : Account
{
    public override string Kind => "savings " + base.Kind;
}

class Program
{
    static async Task Main()
    {
        var a = new Account { Owner = "Ann", Label = "first" };
        Console.WriteLine(a.IsEmpty);
        await a.DepositAsync(30);
        await a.DepositAsync(20);
        Console.WriteLine(a.Describe());
        Account s = new Savings();
        s.Owner = "Sam";
        Console.WriteLine($"{s.Describe()} {s.Label} {a.Label}");
        Console.WriteLine(Account.Bank);
    }
}

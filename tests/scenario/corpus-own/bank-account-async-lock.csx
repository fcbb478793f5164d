// @title An async lock around a shared balance
// Needs: properties with a body (`public decimal Balance => balance;`, w/oop)
// Modelled on: the usual replacement for `lock` in async code: SemaphoreSlim(1, 1)
// with WaitAsync and Release in finally, guarding an account's balance. Our own code.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Account
{
    private readonly SemaphoreSlim mutex = new SemaphoreSlim(1, 1);
    private decimal balance;

    public Account(decimal opening)
    {
        balance = opening;
    }

    public async Task TransferInAsync(string from, decimal amount)
    {
        await mutex.WaitAsync();
        try
        {
            decimal before = balance;
            await Task.Delay(40); // the ledger round trip
            balance = before + amount;
            Console.WriteLine($"{from}: +{amount} -> {balance}");
        }
        finally
        {
            mutex.Release();
        }
    }

    public decimal Balance => balance;
}

class Program
{
    static async Task Main()
    {
        var account = new Account(100m);
        var transfers = new List<Task>();
        foreach (var payer in new[] { "alice", "bob", "carol", "dave" })
            transfers.Add(account.TransferInAsync(payer, 25m));
        await Task.WhenAll(transfers);
        Console.WriteLine($"final balance {account.Balance}");
    }
}

// @title Exceptions, filters and finally around awaits
// Modelled on: the documentation's exception-handling section for async methods:
// the awaited task's exception is rethrown at the await, `when` filters pick the
// handler, and finally blocks run after the awaits. Our own code.
using System;
using System.Threading.Tasks;

class Connection
{
    public string Name { get; }
    public bool Open { get; private set; }

    public Connection(string name)
    {
        Name = name;
    }

    public async Task OpenAsync()
    {
        await Task.Delay(30);
        Open = true;
        Console.WriteLine($"{Name} opened");
    }

    public void Close()
    {
        Open = false;
        Console.WriteLine($"{Name} closed");
    }
}

class Program
{
    static async Task<string> QueryAsync(string table)
    {
        await Task.Delay(50);
        if (table == "missing")
            throw new ArgumentException("no such table", nameof(table));
        if (table == "locked")
            throw new TimeoutException("lock wait timed out");
        return $"rows of {table}";
    }

    static async Task RunAsync(string table)
    {
        var connection = new Connection($"conn-{table}");
        try
        {
            await connection.OpenAsync();
            Console.WriteLine(await QueryAsync(table));
        }
        catch (ArgumentException ex) when (ex.Message.StartsWith("no such"))
        {
            Console.WriteLine($"bad table: {table}");
        }
        catch (TimeoutException ex)
        {
            Console.WriteLine($"retry later: {ex.Message}");
        }
        finally
        {
            connection.Close();
        }
    }

    static async Task Main()
    {
        await RunAsync("orders");
        await RunAsync("missing");
        await RunAsync("locked");
    }
}

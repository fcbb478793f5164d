// @title exception classes of the script: own members, base(message, inner), filters by base type, default messages
// Checked against .NET 10 (`dotnet run`, 2026-12-05): the same lines, and the same unhandled PaymentException.
using System;
using System.Threading.Tasks;

class OrderFailedException : Exception
{
    public int OrderId { get; }
    public OrderFailedException(string message, int orderId, Exception inner = null) : base(message, inner) { OrderId = orderId; }
    public string Describe() => $"#{OrderId}: {Message}";
}

class PaymentException : OrderFailedException
{
    public PaymentException(string m) : base(m, 7) { }
}

class QuietException : InvalidOperationException { }

class Program
{
    static async Task PlaceAsync(int id)
    {
        await Task.Delay(10);
        if (id == 2)
            throw new PaymentException("card declined");
        try
        {
            throw new InvalidOperationException("stock empty");
        }
        catch (InvalidOperationException e)
        {
            throw new OrderFailedException($"order {id} failed", id, e);
        }
    }

    static async Task Main()
    {
        for (int id = 1; id <= 2; id++)
        {
            try
            {
                await PlaceAsync(id);
            }
            catch (PaymentException e) when (e.OrderId == 7)
            {
                Console.WriteLine($"payment: {e.Message} {e.OrderId} {e.GetType().Name}");
            }
            catch (OrderFailedException e)
            {
                Console.WriteLine($"{e.Message} id={e.OrderId} inner={e.InnerException.Message} {e.InnerException.GetType().Name}");
                Console.WriteLine(e.InnerException is InvalidOperationException);
            }
        }
        try { throw new QuietException(); }
        catch (InvalidOperationException e) { Console.WriteLine($"{e.GetType().Name}: {e.Message} {e.InnerException == null}"); }
        var failed = new OrderFailedException("not thrown", 3);
        Console.WriteLine(failed.Describe() + " " + (failed is Exception) + " " + (failed.InnerException == null));
        try { throw new PaymentException("x"); }
        catch (Exception e) when (e is OrderFailedException o && o.OrderId > 5) { Console.WriteLine("filtered " + e.Message); }
        await Task.Run(() => throw new PaymentException("unhandled in the end"));
    }
}

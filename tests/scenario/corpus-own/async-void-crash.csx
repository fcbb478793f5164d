// @title An exception escaping async void
// Modelled on: the best-practices warning "avoid async void": the caller's try/catch
// cannot catch what an async void method throws after its first await; the exception
// is raised on the thread pool and ends the process. Our own code.
using System;
using System.Threading.Tasks;

class Notifier
{
    public async void SendLater(string message, int afterMs)
    {
        await Task.Delay(afterMs);
        if (message.Length > 10)
            throw new InvalidOperationException("message too long");
        Console.WriteLine($"sent: {message}");
    }
}

class Program
{
    static async Task Main()
    {
        var notifier = new Notifier();
        try
        {
            notifier.SendLater("hi", 100);
            notifier.SendLater("this one is far too long", 200);
            Console.WriteLine("both calls returned");
        }
        catch (InvalidOperationException)
        {
            Console.WriteLine("never printed: the exception is not thrown here");
        }
        await Task.Delay(300);
        Console.WriteLine("not reached either");
    }
}

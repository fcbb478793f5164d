// @title Wrapping an event-based API in a Task
// Modelled on: the TAP documentation's interop pattern: TaskCompletionSource turns a
// "start, then raise Completed" component into an awaitable method. Our own code.
using System;
using System.Threading.Tasks;

class ScanCompletedEventArgs : EventArgs
{
    public int Pages { get; set; }
}

class Scanner
{
    public event EventHandler<ScanCompletedEventArgs> ScanCompleted;

    public void StartScan(int pages)
    {
        Console.WriteLine($"scanner started on {pages} pages");
        Task.Delay(pages * 60).ContinueWith(_ =>
            ScanCompleted?.Invoke(this, new ScanCompletedEventArgs { Pages = pages }));
    }
}

static class ScannerExtensions
{
    public static Task<int> ScanAsync(Scanner scanner, int pages)
    {
        var tcs = new TaskCompletionSource<int>();
        EventHandler<ScanCompletedEventArgs> handler = null;
        handler = (sender, e) =>
        {
            scanner.ScanCompleted -= handler;
            tcs.TrySetResult(e.Pages);
        };
        scanner.ScanCompleted += handler;
        scanner.StartScan(pages);
        return tcs.Task;
    }
}

class Program
{
    static async Task Main()
    {
        var scanner = new Scanner();
        int first = await ScannerExtensions.ScanAsync(scanner, 3);
        Console.WriteLine($"first scan: {first} pages");
        int second = await ScannerExtensions.ScanAsync(scanner, 5);
        Console.WriteLine($"second scan: {second} pages");
    }
}

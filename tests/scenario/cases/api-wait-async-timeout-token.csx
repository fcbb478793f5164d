// @title Task.WaitAsync with a TimeSpan and with a CancellationToken
// Checked against .NET 10 (`dotnet run`): the same three lines.
using System;
using System.Threading;
using System.Threading.Tasks;
class Program
{
    static async Task Main()
    {
        var slow = Task.Delay(500);
        try { await slow.WaitAsync(TimeSpan.FromMilliseconds(100)); }
        catch (TimeoutException e) { Console.WriteLine($"timeout: {e.Message}"); }
        var cts = new CancellationTokenSource(50);
        try { await Task.Delay(500).WaitAsync(cts.Token); }
        catch (OperationCanceledException e) { Console.WriteLine(e.GetType().Name); }
        Console.WriteLine(await Task.FromResult(7).WaitAsync(TimeSpan.FromSeconds(1)));
    }
}

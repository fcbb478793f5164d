// @title A caller's token linked with a timeout
// Modelled on: the usual CancellationTokenSource.CreateLinkedTokenSource pattern: a
// method honours both the caller's token and its own timeout. Our own code.
using System;
using System.Threading;
using System.Threading.Tasks;

class ReportClient
{
    private readonly int timeoutMs;

    public ReportClient(int timeoutMs)
    {
        this.timeoutMs = timeoutMs;
    }

    public async Task<string> FetchAsync(string name, int ms, CancellationToken callerToken)
    {
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken))
        {
            linked.CancelAfter(timeoutMs);
            try
            {
                string body = await Http.GetAsync($"https://reports.example.org/{name}", ms, linked.Token);
                return $"{name}: {body.Length} bytes";
            }
            catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
            {
                return $"{name}: timed out after {timeoutMs} ms";
            }
        }
    }
}

class Program
{
    static async Task Main()
    {
        var client = new ReportClient(250);
        var user = new CancellationTokenSource();

        Console.WriteLine(await client.FetchAsync("daily", 100, user.Token));
        Console.WriteLine(await client.FetchAsync("yearly", 600, user.Token));

        user.CancelAfter(100);
        try
        {
            await client.FetchAsync("monthly", 400, user.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("monthly: the user cancelled");
        }
    }
}

// @title A timeout with Task.WhenAny
// Modelled on: the classic pre-.NET 6 timeout idiom, `await Task.WhenAny(task,
// Task.Delay(timeout))` then a check of which task finished first. Our own code.
using System;
using System.Threading.Tasks;

class QuoteService
{
    public async Task<string> GetQuoteAsync(string symbol, int ms)
    {
        string body = await Http.GetAsync($"https://quotes.example.org/{symbol}", ms);
        return $"{symbol}={body.Length}";
    }
}

static class TimeoutHelper
{
    public static async Task<string> WithTimeoutAsync(Task<string> work, int timeoutMs, string fallback)
    {
        Task winner = await Task.WhenAny(work, Task.Delay(timeoutMs));
        if (winner == work)
            return await work;
        Console.WriteLine($"timed out after {timeoutMs} ms");
        return fallback;
    }
}

class Program
{
    static async Task Main()
    {
        var quotes = new QuoteService();
        string fast = await TimeoutHelper.WithTimeoutAsync(quotes.GetQuoteAsync("ACME", 80), 200, "ACME=?");
        Console.WriteLine(fast);
        string slow = await TimeoutHelper.WithTimeoutAsync(quotes.GetQuoteAsync("SLOW", 500), 200, "SLOW=?");
        Console.WriteLine(slow);
    }
}

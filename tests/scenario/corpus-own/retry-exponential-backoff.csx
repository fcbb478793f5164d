// @title Retry with exponential back-off
// Modelled on: the widespread hand-written retry helper (the idea behind Polly's
// WaitAndRetryAsync): a generic RetryAsync that doubles its delay after each
// transient failure. Our own code.
using System;
using System.Threading.Tasks;

class RetryPolicy
{
    private readonly int maxAttempts;
    private readonly int firstDelayMs;

    public RetryPolicy(int maxAttempts, int firstDelayMs)
    {
        this.maxAttempts = maxAttempts;
        this.firstDelayMs = firstDelayMs;
    }

    public async Task<T> ExecuteAsync<T>(Func<Task<T>> operation)
    {
        int delay = firstDelayMs;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (HttpRequestException ex) when (attempt < maxAttempts)
            {
                Console.WriteLine($"attempt {attempt} failed ({ex.Message.Substring(0, 20)}...), waiting {delay} ms");
                await Task.Delay(delay);
                delay *= 2;
            }
        }
    }
}

class Program
{
    static async Task Main()
    {
        var policy = new RetryPolicy(5, 100);
        string body = await policy.ExecuteAsync(() => Http.GetAsync("https://api.example.org/orders", 50, failures: 3));
        Console.WriteLine($"succeeded with {body.Length} chars");

        try
        {
            await new RetryPolicy(2, 50).ExecuteAsync(() => Http.GetAsync("https://api.example.org/down", 20, fail: true));
        }
        catch (HttpRequestException)
        {
            Console.WriteLine("gave up after 2 attempts");
        }
    }
}

// @title     Retries with exponential backoff
// @questions 45
// @topic     Throttling and retries
// @knob MaxAttempts = 3 "Maximum attempts"
// @expect outcome completed
// @expect-when MaxAttempts=3 end-at 450ms ± 3ms
// @expect-when MaxAttempts=3 output-order "attempt 1 failed, retrying in 100 ms" "attempt 2 failed, retrying in 200 ms" "attempt 3 succeeded" "forecast shown"
// @expect-when MaxAttempts=2 end-at 200ms ± 3ms
// @expect-when MaxAttempts=2 output "gave up: Response status code does not indicate success: 503"
// @expect-when MaxAttempts=3 output-at "attempt 1 failed" 50ms
// @expect-when MaxAttempts=3 output-at "attempt 2 failed" 200ms
// @expect-when MaxAttempts=3 output-at "attempt 3 succeeded" 450ms
// @expect-when MaxAttempts=2 output-at "gave up" 200ms
// @expect-when MaxAttempts=3 output-at "attempt 1 starts" 0ms
// @expect-when MaxAttempts=3 output-at "attempt 2 starts" 150ms
// @expect-when MaxAttempts=3 output-at "attempt 3 starts" 400ms
// @note L51: The first two calls to this URL fail after 50 ms with HTTP 503.
// @note L57: The catch runs only while the `when` filter allows another attempt; otherwise the exception propagates.
// @note L59: Backoff without holding a thread: 100 ms, then 200 ms.

/* @explain
Transient failures — a 503, a timeout, a dropped connection — often succeed when tried
again a moment later. A retry loop should:

- retry only errors that are likely transient (here `HttpRequestException`);
- wait between attempts, longer each time (**exponential backoff**: each pause
  twice the one before), usually with some random jitter so many clients do not retry in lockstep;
- give up after a limit and let the last exception reach the caller;
- wait with `await Task.Delay`, never `Thread.Sleep`, and honour a CancellationToken.

The weather service fails twice, then recovers. With **MaxAttempts** = 3 the timeline
shows: attempt 1 (0–50 ms) fails, a 100 ms pause, attempt 2 (150–200 ms) fails, a 200 ms
pause, attempt 3 succeeds at 450 ms. During the pauses no thread is in use.

Set **MaxAttempts** to 2: the `when` filter lets the second failure through, and the
caller reports it at 200 ms.

Libraries such as Polly (or `Microsoft.Extensions.Http.Resilience`) implement these
policies, plus circuit breakers that stop retrying a service that is clearly down.
*/

async Task<string> GetWithRetryAsync(string url)
{
    int delayMs = 100;
    int attempt = 1;
    while (true)
    {
        Console.WriteLine($"attempt {attempt} starts");
        try
        {
            string body = await Http.GetAsync(url, 50, failures: 2);
            Console.WriteLine($"attempt {attempt} succeeded");
            return body;
        }
        catch (HttpRequestException ex) when (attempt < MaxAttempts)
        {
            Console.WriteLine($"attempt {attempt} failed, retrying in {delayMs} ms");
        }
        await Task.Delay(delayMs);
        delayMs = delayMs * 2;
        attempt++;
    }
}

void Main()
{
    try
    {
        GetWithRetryAsync("https://weather.example/today").GetAwaiter().GetResult();
        Console.WriteLine("forecast shown");
    }
    catch (HttpRequestException ex)
    {
        Console.WriteLine($"gave up: {ex.Message}");
    }
}

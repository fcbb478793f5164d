// @title     Task.WhenAny as a timeout: the slow call keeps running
// @questions 27
// @topic     Combinators
// @knob TimeoutMs = 200 "Timeout for the exchange-rate call (ms)"
// @expect outcome completed
// @expect-when TimeoutMs=200 end-at 500ms ± 3ms
// @expect-when TimeoutMs=200 output-order "rate: 1.08 (cached" "rate service answered" "app still running"
// @expect-when TimeoutMs=1000 end-at 700ms ± 3ms
// @expect-when TimeoutMs=1000 output-order "rate service answered" "rate: 1.09 (live)" "app still running"
// @expect-when TimeoutMs=200 output-at "rate: 1.08 (cached" 200ms
// @expect-when TimeoutMs=200 output-at "rate service answered" 400ms
// @note L51: A race between the HTTP call and a timer; whichever completes first wins.
// @note L60: At 200 ms the timer has won and the fallback is used; the HTTP call was not canceled.
// @note L43: The losing call still completes at 400 ms, after nobody is waiting for it.
// @quiz After the 200 ms timeout wins, does the exchange-rate call still complete?
// @answer Yes, at 400 ms, and its result is ignored
// @choice No, WhenAny cancels it
// @why WhenAny only stops waiting. Without a CancellationToken nothing stops the losing call.

/* @explain
Racing an operation against `Task.Delay` with `WhenAny` is the classic way to put a
timeout on something that does not accept one. Whichever task completes first is
returned; you compare it with the timer task to know which one won.

The exchange-rate service needs 400 ms; the timeout is 200 ms. At 200 ms the timer wins,
the method returns the cached rate, and the app carries on. But look at the timeline at
400 ms: the HTTP call completes anyway and its continuation runs, printing *rate service
answered*. `WhenAny` only stops *waiting*; it does not stop the work. Its result is
thrown away.

Set **TimeoutMs** to 1000: the call wins at 400 ms and the live rate is used. The timer
is then the loser that keeps ticking until it fires.

To really abandon the slow call, give it a `CancellationToken` and cancel the source when
the timer wins (or use `CancellationTokenSource(ms)` and pass the token directly). Also
make sure the loser's exception, if any, is observed — otherwise a failure after the
timeout goes unnoticed.
*/

async Task<string> GetExchangeRateAsync()
{
    string rate = await Http.GetAsync("https://rates.example/eur-usd", 400);
    Console.WriteLine("rate service answered");
    return "1.09 (live)";
}

async Task<string> GetRateWithTimeoutAsync()
{
    Task<string> call = GetExchangeRateAsync();
    Task timeout = Task.Delay(TimeoutMs);
    Task first = await Task.WhenAny(call, timeout);
    if (first == timeout)
        return "1.08 (cached, the live call timed out)";
    return await call;
}

void Main()
{
    string rate = GetRateWithTimeoutAsync().GetAwaiter().GetResult();
    Console.WriteLine($"rate: {rate}");
    Thread.Sleep(300);   // the app keeps running for a while
    Console.WriteLine("app still running");
}

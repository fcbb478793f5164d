// @title     Task.WhenAll: start everything, wait for the slowest
// @questions 26
// @topic     Combinators
// @knob Sequential = false "Await the three calls one after another"
// @expect outcome completed
// @expect-when Sequential=false end-at 300ms ± 3ms
// @expect output "dashboard ready with 3 parts"
// @expect-when Sequential=true end-at 600ms ± 3ms
// @note L52: All three requests start here, before anything is awaited.
// @note L55: One task that completes when the last of the three does: at 300 ms, the slowest.
// @quiz How long does the dashboard take to build?
// @choice 100 ms
// @answer 300 ms
// @choice 600 ms
// @why The three requests run concurrently, so WhenAll completes with the slowest one.

/* @explain
`Task.WhenAll(tasks)` returns a single task that completes when **every** task passed to it
has completed. For `Task<T>` inputs its result is an array of the results, in argument
order — not in completion order.

A dashboard needs a user (100 ms), the user's orders (300 ms) and recommendations
(200 ms). In the default run all three requests are started first and then awaited
together. On the timeline three I/O bars overlap, and the dashboard is ready at 300 ms:
the time of the slowest call, not the sum.

Flip **Sequential** to await each call before starting the next. The code looks almost the
same, but the bars now sit end to end and the dashboard takes 600 ms. Nothing is blocked in
either version; the sequential one is simply not *concurrent*.

Remember that `WhenAll` starts nothing by itself — the tasks are already running once the
async methods are called. What it adds is one thing to await, combined results and
combined exceptions (see question 28). Calls that depend on each other's results must
still be awaited in order.
*/

async Task<string> GetUserAsync() { return await Http.GetAsync("https://api.example/me", 100); }

async Task<string> LoadOrdersAsync() { return await Http.GetAsync("https://api.example/me/orders", 300); }

async Task<string> GetRecommendationsAsync() { return await Http.GetAsync("https://api.example/me/recs", 200); }

async Task<string> BuildDashboardAsync()
{
    if (Sequential)
    {
        string user = await GetUserAsync();
        string orders = await LoadOrdersAsync();
        string recs = await GetRecommendationsAsync();
        return "dashboard ready with 3 parts";
    }
    Task<string> userTask = GetUserAsync();
    Task<string> ordersTask = LoadOrdersAsync();
    Task<string> recsTask = GetRecommendationsAsync();
    string[] parts = await Task.WhenAll(userTask, ordersTask, recsTask);
    return $"dashboard ready with {parts.Length} parts";
}

void Main()
{
    Console.WriteLine(BuildDashboardAsync().GetAwaiter().GetResult());
}

// @title     Task<T>: a promise of a value
// @questions 6
// @topic     Tasks
// @expect outcome completed
// @expect end-at 150ms ± 2ms
// @expect output-order "report requested" "15 items in stock"
// @expect output-at "report requested" 0ms
// @expect output-at "15 items in stock" 150ms
// @note L41: Both requests start before either is awaited, so they overlap.
// @note L43: await unwraps Task<int> into an int once the value exists.
// @note L52: .Result blocks Main until the Task<string> has its value (no context here, so no deadlock).

/* @explain
`Task<T>` is a `Task` that also carries a result of type `T` once it completes
successfully. `await` on a `Task<int>` gives you the `int`; on failure it rethrows the
exception instead.

`GetStockLevelAsync` returns `Task<int>`. Calling it twice starts two HTTP requests at
time 0 and returns two unfinished tasks immediately. Only then does `BuildReportAsync`
await them, one after the other. Because both requests were already in flight, the
second await finds its task almost ready, and the report is built at 150 ms rather than
after two requests in a row. Watch the two I/O bars overlap on the timeline.

`BuildReportAsync` itself returns `Task<string>`: the caller gets the promise at once
(*report requested* prints at 0 ms) and reads the value later. Here Main uses `.Result`,
which blocks the Main thread until the value is available. In a console app that is
harmless; on a UI thread the same line can deadlock (see question 31).

A method that produces no value returns plain `Task`; one that produces a value returns
`Task<T>`.
*/

async Task<int> GetStockLevelAsync(string sku, int simulatedStock)
{
    await Http.GetAsync($"https://inventory.example/stock/{sku}", 150);
    return simulatedStock;
}

async Task<string> BuildReportAsync()
{
    Task<int> chairs = GetStockLevelAsync("chair", 12);
    Task<int> tables = GetStockLevelAsync("table", 3);
    int chairCount = await chairs;
    int tableCount = await tables;
    return $"{chairCount + tableCount} items in stock";
}

void Main()
{
    Task<string> report = BuildReportAsync();
    Console.WriteLine("report requested, a Task<string> came back at once");
    Console.WriteLine(report.Result);
}

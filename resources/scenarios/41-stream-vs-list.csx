// @title     When to use IAsyncEnumerable: first results early instead of all at the end
// @questions 41
// @topic     Async streams
// @knob UseStream = true "Stream the pages with IAsyncEnumerable (off: load a List first)"
// @expect outcome completed
// @expect end-at 600ms ± 3ms
// @expect-when UseStream=true output-order "fetched page 1" "analyzed page 1" "fetched page 2" "analyzed page 4"
// @expect-when UseStream=false output-order "fetched page 1" "fetched page 4" "analyzed page 1" "analyzed page 4"
// @expect-when UseStream=true output-at "analyzed page 1" 150ms
// @expect-when UseStream=false output-at "analyzed page 1" 450ms
// @expect-when UseStream=false output-at "fetched page 4" 400ms
// @note L71: Each page is analysed as soon as it arrives.
// @note L62: Analysis of one page: 50 ms of CPU.

/* @explain
Use `IAsyncEnumerable<T>` when data arrives in pieces over time — paged APIs, database
rows, log exports, messages from a queue — and the consumer can start on the first
piece before the last one exists.

Both versions here download four log pages (100 ms each) and analyse each (50 ms of CPU),
and both finish at 600 ms. What differs is *when the first result appears* and how much is
held in memory:

- **Stream** (default): the first page is analysed at 150 ms. Only one page is alive at
  a time; memory stays flat however many pages there are.
- **List** (flip **UseStream**): nothing is analysed until all four pages are loaded at
  400 ms, and every page sits in memory together.

Streaming is also the natural fit for endless or huge sources, and for stopping early:
breaking out of `await foreach` stops the producer (see `42-async-stream-break`).

Prefer a plain `Task<List<T>>` when the data is small, when you need all of it before
doing anything (sorting, counting), or when the producer is faster as one batch call.
Note that a pull-based stream does not overlap download and analysis by itself.
*/

async Task<string> FetchPageAsync(int page)
{
    string body = await Http.GetAsync($"https://logs.example/export?page={page}", 100);
    Console.WriteLine($"fetched page {page}");
    return body;
}

async Task<List<string>> LoadAllPagesAsync()
{
    var pages = new List<string>();
    for (int page = 1; page <= 4; page++)
        pages.Add(await FetchPageAsync(page));
    return pages;
}

async IAsyncEnumerable<string> StreamPagesAsync()
{
    for (int page = 1; page <= 4; page++)
        yield return await FetchPageAsync(page);
}

static int analyzed = 0;

void Analyze(string page)
{
    Cpu.Work(50);   // analyse one page
    analyzed++;
    Console.WriteLine($"analyzed page {analyzed}");
}

async Task AnalyzeLogsAsync()
{
    if (UseStream)
    {
        await foreach (string body in StreamPagesAsync())
            Analyze(body);
        return;
    }
    List<string> all = await LoadAllPagesAsync();
    foreach (string body in all)
        Analyze(body);
}

void Main()
{
    AnalyzeLogsAsync().GetAwaiter().GetResult();
}

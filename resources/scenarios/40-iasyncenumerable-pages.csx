// @title     IAsyncEnumerable<T>: items produced one await at a time
// @questions 40 42
// @topic     Async streams
// @expect outcome completed
// @expect end-at 450ms ± 3ms
// @expect output-order "iterator created, nothing downloaded yet" "producer: page 1 downloaded" "consumer: handling page 1" "producer: page 2 downloaded" "consumer: handling page 2" "producer: page 3 downloaded" "all pages handled"
// @expect output-at "producer: page 1 downloaded" 100ms
// @expect output-at "consumer: handling page 2" 250ms
// @expect output-at "all pages handled" 450ms
// @note L47: ReadOrderPagesAsync() has been called, yet none of its code has run.
// @note L48: Each iteration awaits MoveNextAsync, which resumes the iterator until its next yield return.
// @note L40: The iterator pauses here and hands one item to the consumer.

/* @explain
`IAsyncEnumerable<T>` (C# 8) is a sequence whose items arrive asynchronously. The producer
is an `async` method that both `await`s and `yield return`s; the consumer reads it with
`await foreach`.

Follow the two methods on the timeline:

- Calling `ReadOrderPagesAsync()` runs nothing; it only creates the iterator.
- `await foreach` calls `MoveNextAsync()`. The iterator starts, awaits the first page
  (100 ms, no thread held), yields it, and the consumer's loop body runs.
- Only when the body finishes does the next `MoveNextAsync()` resume the iterator for
  page 2. The stream is **pull-based**: the producer never runs ahead of the consumer.
- After the last page, `MoveNextAsync` returns false and the loop disposes the iterator.

Each page costs 100 ms of download plus 50 ms of processing, one after the other, so the
run ends at 450 ms. The output interleaves *producer* and *consumer* lines, one page at a
time — nothing is buffered. That is the difference from returning `Task<List<T>>`, which
makes the caller wait for everything (see `41-stream-vs-list`).
*/

async IAsyncEnumerable<string> ReadOrderPagesAsync()
{
    for (int page = 1; page <= 3; page++)
    {
        string json = await Http.GetAsync($"https://shop.example/orders?page={page}", 100);
        Console.WriteLine($"producer: page {page} downloaded");
        yield return $"page {page}";
    }
}

async Task ProcessOrdersAsync()
{
    var pages = ReadOrderPagesAsync();
    Console.WriteLine("iterator created, nothing downloaded yet");
    await foreach (string page in pages)
    {
        Console.WriteLine($"consumer: handling {page}");
        Cpu.Work(50);
    }
    Console.WriteLine("all pages handled");
}

void Main()
{
    ProcessOrdersAsync().GetAwaiter().GetResult();
}

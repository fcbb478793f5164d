// @title     Async streams: stopping early stops the producer
// @questions 42 41
// @topic     Async streams
// @knob StopAfter = 3 "Stop after this many files (0 = read them all)"
// @expect outcome completed
// @expect-when StopAfter=3 end-at 300ms ± 3ms
// @expect-when StopAfter=3 output-order "downloaded file 3" "error found in file 3, stopping" "iterator cleaned up" "result: file 3"
// @expect-when StopAfter=3 no-output "downloaded file 4"
// @expect-when StopAfter=0 end-at 600ms ± 3ms
// @expect-when StopAfter=0 output-order "downloaded file 6" "iterator cleaned up" "result: none"
// @note L63: Returning from inside the await foreach disposes the iterator: DisposeAsync runs its finally block.
// @note L51: The producer never downloads files 4 to 6.
// @quiz How many files does the iterator download?
// @choice 6
// @answer 3
// @why The stream is pull-based: after the consumer returns, DisposeAsync runs the finally block and no further file is requested.

/* @explain
An **async stream** is the pairing of an async iterator (`async IAsyncEnumerable<T>` with
`yield return`) and a consumer using `await foreach`. Because the consumer pulls items one
at a time, it also decides when the stream ends.

`FindFirstErrorAsync` scans log files until it finds the one it wants. With **StopAfter**
at 3 it returns inside the loop after the third file. `await foreach` then calls
`DisposeAsync()` on the iterator, which resumes the iterator just long enough to run its
`finally` block — *iterator cleaned up* — and nothing more. Files 4 to 6 are never
requested: the run ends at 300 ms. With a `Task<List<T>>` API all six files would have
been downloaded first.

Set **StopAfter** to 0 and the consumer reads all six files; the `finally` block runs after
the last one, at 600 ms.

Streams can also be canceled with a token (`WithCancellation`, `[EnumeratorCancellation]`);
and because the iterator is a state machine like any async method, each `MoveNextAsync`
continues on whatever thread completed the previous await.
*/

async IAsyncEnumerable<string> ScanLogFilesAsync()
{
    try
    {
        for (int file = 1; file <= 6; file++)
        {
            string text = await Http.GetAsync($"https://logs.example/files/{file}", 100);
            Console.WriteLine($"downloaded file {file}");
            yield return $"file {file}";
        }
    }
    finally
    {
        Console.WriteLine("iterator cleaned up (DisposeAsync ran the finally block)");
    }
}

async Task<string> FindFirstErrorAsync()
{
    int seen = 0;
    await foreach (string file in ScanLogFilesAsync())
    {
        seen++;
        if (seen == StopAfter)
        {
            Console.WriteLine($"error found in {file}, stopping");
            return file;
        }
    }
    return "none";
}

void Main()
{
    string result = FindFirstErrorAsync().GetAwaiter().GetResult();
    Console.WriteLine($"result: {result}");
}

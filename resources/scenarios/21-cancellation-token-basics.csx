// @title     CancellationToken: asking running work to stop
// @questions 21
// @topic     Cancellation
// @knob CancelEnabled = true "Cancel the export after 250 ms"
// @expect outcome completed
// @expect-when CancelEnabled=true end-at 250ms ± 2ms
// @expect-when CancelEnabled=true output-order "page 1 exported" "page 2 exported" "export canceled"
// @expect-when CancelEnabled=false end-at 500ms ± 3ms
// @expect-when CancelEnabled=false output "finished: 5 pages"
// @expect output-at "page 1 exported" 100ms
// @expect output-at "page 2 exported" 200ms
// @expect-when CancelEnabled=true output-at "export canceled" 250ms
// @note L55: A timer will call Cancel() at 250 ms, on a pool thread.
// @note L44: The token is passed down: the in-flight request for page 3 is abandoned the moment it is canceled.
// @note L63: The cancellation surfaces as an OperationCanceledException at the await.

/* @explain
Cancellation in .NET is **cooperative**. A `CancellationTokenSource` is the switch;
its `Token` is a read-only view you hand to the work. The work checks the token or passes
it to APIs that watch it, and stops with an `OperationCanceledException`.

In this run the export pages through orders, 100 ms per page. The caller asks for
cancellation after 250 ms with `CancelAfter`:

- pages 1 and 2 complete at 100 and 200 ms;
- page 3's request is in flight when the timer fires at 250 ms; because the token was
  passed to `Http.GetAsync`, that task becomes Canceled at once and the await throws
  `TaskCanceledException` (a subclass of `OperationCanceledException`);
- the exception propagates out of `ExportOrdersAsync` and Main reports *export canceled*.

`ThrowIfCancellationRequested` at the top of the loop is the other half: it makes sure no
new page starts after cancellation even if some API ignores the token.

Turn **CancelEnabled** off and the same code runs all five pages to 500 ms. Nothing forces
the work to stop; it stops because it listens.
*/

async Task<int> ExportOrdersAsync(CancellationToken token)
{
    int exported = 0;
    for (int page = 1; page <= 5; page++)
    {
        token.ThrowIfCancellationRequested();
        await Http.GetAsync($"https://shop.example/orders?page={page}", 100, token);
        exported++;
        Console.WriteLine($"page {page} exported");
    }
    return exported;
}

void Main()
{
    var cts = new CancellationTokenSource();
    if (CancelEnabled)
        cts.CancelAfter(250);
    try
    {
        int pages = ExportOrdersAsync(cts.Token).GetAwaiter().GetResult();
        Console.WriteLine($"finished: {pages} pages");
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("export canceled");
    }
}

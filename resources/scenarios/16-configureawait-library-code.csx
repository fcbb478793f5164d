// @title     Use ConfigureAwait(false) in library code that does not need the UI
// @questions 16
// @topic     Context and ConfigureAwait
// @environment ui
// @knob ConfigureAwaitFalse = false "Use ConfigureAwait(false) inside ImportRowsAsync"
// @expect outcome completed
// @expect-when ConfigureAwaitFalse=false end-at 450ms ± 3ms
// @expect output-order "chart drawn" "imported 400 rows"
// @expect-when ConfigureAwaitFalse=true end-at 300ms ± 3ms
// @expect output-at "chart drawn" 200ms
// @expect-when ConfigureAwaitFalse=false output-at "first batch resumed" 200ms
// @expect-when ConfigureAwaitFalse=true output-at "first batch resumed" 50ms
// @note L43: Each batch resumes here; by default it must wait its turn on the busy UI thread.
// @note L55: The UI thread is busy for 200 ms; any continuation posted to it waits in the UI queue.
// @note L57: The UI code itself still resumes on the UI thread.

/* @explain
`ConfigureAwait(false)` belongs in code that does not care which thread it continues on:
libraries, data access, parsing, anything that never touches UI controls. Two reasons
show up in this run.

**Speed.** `ImportRowsAsync` awaits four database batches and maps rows in between. With
the default await, every batch has to get back onto the UI thread, which is busy drawing a
chart for 200 ms. The first batch result sits in the UI queue from 50 ms to 200 ms, and
then every remaining batch alternates between the database and the single UI thread. The
import ends at 450 ms.

With **ConfigureAwaitFalse** the library continues on pool threads: its batches run while
the chart is being drawn, and the import finishes at 300 ms; only the handler's final line
returns to the UI thread.

**Safety.** Library code cannot know whether a caller will block on it with `.Result`. If
every await inside opts out of the context, that blocking caller does not deadlock (see
`31-result-deadlock-ui`). Application code that updates the UI after the await should
keep the default.
*/

async Task<int> ImportRowsAsync()
{
    int imported = 0;
    for (int batch = 1; batch <= 4; batch++)
    {
        await Db.QueryAsync($"SELECT * FROM Staging WHERE Batch = {batch}", 50).ConfigureAwait(!ConfigureAwaitFalse);
        if (batch == 1)
            Console.WriteLine("first batch resumed");
        Cpu.Work(25);   // map the rows
        imported += 100;
    }
    return imported;
}

async void Button_Click(object sender, EventArgs e)
{
    Task<int> import = ImportRowsAsync();
    Cpu.Work(200);   // the UI thread is busy drawing a chart
    Console.WriteLine("chart drawn");
    int rows = await import;
    Console.WriteLine($"imported {rows} rows");
}

// @title     .Wait() on the UI thread: even without a deadlock, the window freezes
// @questions 33
// @topic     Deadlocks and starvation
// @environment ui
// @knob UseAwait = false "await the export instead of calling Wait()"
// @expect outcome completed
// @expect-when UseAwait=false end-at 450ms ± 3ms
// @expect-when UseAwait=false output-order "export finished" "progress tick 1" "progress tick 3"
// @expect-when UseAwait=true end-at 300ms ± 3ms
// @expect-when UseAwait=true output-order "progress tick 1" "progress tick 2" "export finished" "progress tick 3"
// @expect-when UseAwait=false output-at "export finished" 250ms
// @expect-when UseAwait=false output-at "progress tick 3" 450ms
// @expect-when UseAwait=true output-at "progress tick 1" 100ms
// @expect-when UseAwait=true output-at "progress tick 2" 200ms
// @expect-when UseAwait=true output-at "export finished" 250ms
// @expect-when UseAwait=true output-at "progress tick 3" 300ms
// @note L57: The UI thread is blocked: the progress messages wait in its queue.
// @note L53: The export itself runs on a pool thread and needs nothing from the UI thread, so this cannot deadlock.

/* @explain
`.Wait()` blocks the calling thread until the task finishes. Here the task is CPU work
started with `Task.Run`, which does not need the UI thread, so there is no deadlock — the
export completes at 250 ms either way. The danger is what the blocked thread cannot do
meanwhile.

The progress indicator posts a tick to the UI thread every 100 ms. With `Wait()` (the
default) the UI lane shows a solid *blocked* bar until 250 ms; the first tick's message
waits in the UI queue until the export is done, and since each tick schedules the next only
after it has run, the ticks start late and the last one shows at 450 ms. A real
window would be frozen ("Not responding") for the whole wait.

Flip **UseAwait**: the handler suspends instead, the UI thread keeps processing messages,
ticks appear at 100 and 200 ms, the export finishes at 250 ms and the last tick comes on
time at 300 ms.

`.Wait()` has the other problems of `.Result` too: it deadlocks when the awaited code
needs the blocked context (`31-wait-deadlock-aspnet-classic`), it wraps failures in
`AggregateException`, and on pool threads it fuels starvation.
*/

async Task AnimateProgressAsync()
{
    for (int tick = 1; tick <= 3; tick++)
    {
        await Task.Delay(100);
        Console.WriteLine($"progress tick {tick}");
    }
}

async void Button_Click(object sender, EventArgs e)
{
    Task animation = AnimateProgressAsync();
    Task export = Task.Run(() => Cpu.Work(250));
    if (UseAwait)
        await export;
    else
        export.Wait();    // the UI thread sits blocked for 250 ms
    Console.WriteLine("export finished");
    await animation;
}

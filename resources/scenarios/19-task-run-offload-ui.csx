// @title     Use Task.Run to move CPU work off the UI thread
// @questions 19
// @topic     Task.Run
// @environment ui
// @knob OffloadToPool = true "Run ResizeImages through Task.Run"
// @expect outcome completed
// @expect-when OffloadToPool=true end-at 300ms ± 3ms
// @expect-when OffloadToPool=true output-order "progress tick 1" "progress tick 2" "resized 12 images" "progress tick 3"
// @expect-when OffloadToPool=false end-at 450ms ± 3ms
// @expect-when OffloadToPool=false output-order "resized 12 images" "progress tick 1" "progress tick 3"
// @expect-when OffloadToPool=true output-at "progress tick 1" 100ms
// @expect-when OffloadToPool=true output-at "progress tick 2" 200ms
// @expect-when OffloadToPool=true output-at "resized 12 images" 250ms
// @expect-when OffloadToPool=true output-at "progress tick 3" 300ms
// @note L64: 250 ms of CPU moves to a pool thread; the UI thread returns to its message loop.
// @note L48: Progress ticks need the UI thread: they show whether it is free.
// @note L70: Back on the UI thread to show the result.
// @quiz When is the last progress tick shown?
// @answer 300 ms
// @choice 450 ms
// @choice 550 ms
// @why The resize runs on a pool thread, so the UI thread is free and every tick arrives on time.

/* @explain
`Task.Run` is the right tool when you are on a thread that must stay responsive — a UI
thread — and you have **CPU-bound** work to do: resizing images, parsing a large file,
running a calculation. `await Task.Run(...)` moves the work to a pool thread and brings
the result back to the UI thread when it is done.

In the default run the 250 ms resize appears on a pool lane while the UI lane stays free:
the progress ticks arrive on time at 100 and 200 ms, the result is shown at 250 ms and the
last tick at 300 ms.

Flip **OffloadToPool** off and the resize runs directly in the click handler. The UI lane
is busy for 250 ms; the first tick's message waits in the UI queue and everything after
it slides, ending at 450 ms. In a real app the window would stop repainting.

Other good uses: a console or service app that wants several CPU-heavy jobs to run in
parallel. Note that `Task.Run` does not make I/O faster — for network and disk, use the
async API directly (see `20-task-run-wrapping-io`).
*/

async Task AnimateProgressAsync()
{
    for (int tick = 1; tick <= 3; tick++)
    {
        await Task.Delay(100);
        Console.WriteLine($"progress tick {tick}");
    }
}

int ResizeImages()
{
    Cpu.Work(250);
    return 12;
}

async void Button_Click(object sender, EventArgs e)
{
    Task animation = AnimateProgressAsync();
    int resized;
    if (OffloadToPool)
    {
        resized = await Task.Run(() => ResizeImages());
    }
    else
    {
        resized = ResizeImages();   // CPU work on the UI thread
    }
    Console.WriteLine($"resized {resized} images");
    await animation;
}

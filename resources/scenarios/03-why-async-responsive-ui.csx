// @title     Why async/await: the UI keeps animating while data loads
// @questions 3
// @topic     Basics
// @environment ui
// @knob BlockUiThread = false "Load with a blocking call (Http.Get) instead of await"
// @expect outcome completed
// @expect-when BlockUiThread=false end-at 400ms ± 3ms
// @expect-when BlockUiThread=false output-order "spinner frame 1" "spinner frame 2" "customers loaded" "spinner frame 3" "done"
// @expect-when BlockUiThread=true end-at 550ms ± 3ms
// @expect-when BlockUiThread=true output-order "customers loaded" "spinner frame 1" "spinner frame 4" "done"
// @expect-when BlockUiThread=false output-at "spinner frame 1" 100ms
// @expect-when BlockUiThread=false output-at "spinner frame 2" 200ms
// @expect-when BlockUiThread=false output-at "customers loaded" 250ms
// @expect-when BlockUiThread=true output-at "spinner frame 1" 250ms
// @note L68: The spinner needs the UI thread every 100 ms to draw a frame.
// @note L61: The UI thread is released here; it stays idle and ready for the spinner's messages.
// @note L49: Each frame is a message posted back to the UI thread by the captured context.
// @quiz Does the spinner keep its 100 ms rhythm while the customers load?
// @answer Yes: frames appear at 100 and 200 ms
// @choice No: all frames wait until the data has loaded
// @why While the HTTP call is awaited the UI thread is idle, so the posted spinner frames run on time.

/* @explain
A desktop app has exactly one UI thread. Everything that draws — here a spinner that
wants a frame every 100 ms — must run on it. If that thread is stuck waiting for the
network, the window freezes.

In the default run `LoadCustomersAsync` awaits the HTTP call. The UI thread returns to its
message loop, so the spinner's frames arrive on time at 100 ms and 200 ms, the data
lands at 250 ms and the animation finishes at 400 ms. Look at the UI lane: it is mostly
idle, with short slices of work.

Flip **BlockUiThread**: the same request is made with the blocking `Http.Get`. The UI lane
shows one solid 250 ms *blocked* bar. The first frame's message waits in the UI queue
(the queue counter shows it) until the thread is free at 250 ms; each frame asks for the
next only after it has run, so every later frame is late too and the whole thing ends at
550 ms.

That is the point of async/await: while you wait for I/O, the thread you are on can do
other work — redraw a window, serve another web request — instead of sitting idle. The
code still reads top to bottom like the blocking version.
*/

async Task AnimateSpinnerAsync()
{
    for (int frame = 1; frame <= 4; frame++)
    {
        await Task.Delay(100);
        Console.WriteLine($"spinner frame {frame}");
    }
}

async Task LoadCustomersAsync()
{
    if (BlockUiThread)
    {
        Http.Get("https://api.example/customers", 250);   // the UI thread is stuck here
    }
    else
    {
        string data = await Http.GetAsync("https://api.example/customers", 250);
    }
    Console.WriteLine("customers loaded");
}

async void Button_Click(object sender, EventArgs e)
{
    Task spinner = AnimateSpinnerAsync();
    await LoadCustomersAsync();
    await spinner;
    Console.WriteLine("done");
}

// @title     Why the context matters: one thread runs every continuation
// @questions 14
// @topic     Context and ConfigureAwait
// @environment ui
// @knob ConfigureAwaitFalse = false "Use ConfigureAwait(false) in RenderThumbnailAsync"
// @expect outcome completed
// @expect-when ConfigureAwaitFalse=false end-at 300ms ± 3ms
// @expect output "gallery ready on the UI thread"
// @expect-when ConfigureAwaitFalse=true end-at 150ms ± 3ms
// @expect output-at "first download handled" 100ms
// @expect-when ConfigureAwaitFalse=false output-at "last download handled" 250ms
// @expect-when ConfigureAwaitFalse=true output-at "last download handled" 100ms
// @note L47: All four downloads finish at 100 ms; where each continuation runs depends on the captured context.
// @note L51: With the UI context, the four decodes queue up on the UI thread one after another.
// @note L61: Button_Click always captures the UI context, so its last line runs on the UI thread either way.
// @quiz All four downloads finish at 100 ms. When is the gallery ready?
// @choice 150 ms
// @answer 300 ms
// @choice 500 ms
// @why Each decode is posted to the single UI thread, so the four 50 ms decodes run one after another.

/* @explain
The context decides *which thread* runs your code after an `await`. On a UI thread that
is a feature — after the await you may touch controls again — but it also means every
continuation of every operation started from the UI shares **one** thread.

Four thumbnails download in parallel and all arrive at 100 ms. Each then needs 50 ms of
CPU to decode:

- Default: each continuation is posted to the UI thread. The UI lane decodes them one at
  a time (100–300 ms) while three cores sit idle, and during that time the window cannot
  respond to anything else. Watch the UI queue counter jump to 4.
- **ConfigureAwaitFalse**: the decode runs on the pool threads that completed the
  downloads, in parallel on four cores. The gallery is ready at 150 ms, and only the final
  line of `Button_Click` (which did not opt out) returns to the UI thread.

So the context is important twice over: it is what makes UI code correct after an
`await`, and it is a serialisation point that library code should avoid when it does not
need the UI.
*/

static int uiThread;
static int downloads;

async Task<int> RenderThumbnailAsync(int photo)
{
    string bytes = await Http.GetAsync($"https://photos.example/{photo}.jpg", 100).ConfigureAwait(!ConfigureAwaitFalse);
    int handled = Interlocked.Increment(ref downloads);
    if (handled == 1 || handled == 4)
        Console.WriteLine(handled == 1 ? "first download handled" : "last download handled");
    Cpu.Work(50);   // decode the JPEG
    return photo;
}

async void Button_Click(object sender, EventArgs e)
{
    uiThread = Thread.CurrentThread.ManagedThreadId;
    var thumbnails = new List<Task<int>>();
    for (int i = 1; i <= 4; i++)
        thumbnails.Add(RenderThumbnailAsync(i));
    await Task.WhenAll(thumbnails);
    if (Thread.CurrentThread.ManagedThreadId == uiThread)
        Console.WriteLine("gallery ready on the UI thread");
}

// @title     UI: ConfigureAwait(false) leaves the UI thread; the next await without it stays on the pool
// @environment ui
// @expect outcome completed
// @expect end-at 180ms
// Held out: after ConfigureAwait(false) the method runs on a pool thread with no context,
// so a later plain await has no UI context to return to.

async void Button_Click(object sender, EventArgs e)
{
    Console.WriteLine("click");
    await Http.GetAsync("https://api.example/c", 100).ConfigureAwait(false);
    Console.WriteLine("after ConfigureAwait(false)");
    await Http.GetAsync("https://api.example/d", 80);
    Console.WriteLine("after a plain await, still no context");
}

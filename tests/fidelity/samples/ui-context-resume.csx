// @title     UI: await resumes on the UI thread; ConfigureAwait(false) resumes on the pool
// @environment ui
// @expect outcome completed
// Pins: the captured SynchronizationContext posts the continuation back to the UI
// thread; ConfigureAwait(false) lets it run inline on the pool thread that completed
// the I/O; a Post from the pool runs after the current UI message.

async void Button_Click(object sender, EventArgs e)
{
    Console.WriteLine("click");
    await Http.GetAsync("https://a.example/", 100);
    Console.WriteLine("after await (captured context)");
    await Http.GetAsync("https://b.example/", 50).ConfigureAwait(false);
    Console.WriteLine("after ConfigureAwait(false)");
    await Task.Delay(30);
    Console.WriteLine("after a delay without a context to return to");
}

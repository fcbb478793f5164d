// @title ui
// @environment ui
// @knob UseConfigureAwait = false "x"
// @expect outcome completed
// @expect-when UseConfigureAwait=true output "Pool"
async Task LoadAsync()
{
    await Task.Delay(100).ConfigureAwait(!UseConfigureAwait);
    Console.WriteLine($"after delay on {(Thread.CurrentThread.ManagedThreadId == 1 ? "UI" : "Pool")}");
}
async void Button_Click(object sender, EventArgs e)
{
    await LoadAsync();
    Console.WriteLine("done");
}

// @title t
static object gate = new object();
async Task Main()
{
    lock (gate) { await Task.Delay(1); }
}

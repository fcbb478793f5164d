// @title error case
static object o = new object();
async Task Main() { lock (o) { await Task.Delay(1); } }

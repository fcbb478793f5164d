// @title Task.WaitAsync: timeout, cancellation, and the result when in time
async Task Main() {
 try { await Http.GetAsync("https://slow", 500).WaitAsync(TimeSpan.FromMilliseconds(100)); }
 catch (TimeoutException e) { Console.WriteLine($"timeout: {e.Message}"); }
 var cts = new CancellationTokenSource(50);
 try { await Task.Delay(1000).WaitAsync(cts.Token); }
 catch (OperationCanceledException e) { Console.WriteLine($"{e.GetType().Name}: {e.Message}"); }
 int n = await Task.FromResult(7).WaitAsync(TimeSpan.FromSeconds(1));
 string s = await Http.GetAsync("https://fast", 10).WaitAsync(TimeSpan.FromSeconds(1));
 Console.WriteLine($"{n} {s}");
}

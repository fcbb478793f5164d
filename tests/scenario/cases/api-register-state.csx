// @title CancellationToken.Register(callback, state)
async Task Main() {
 var cts = new CancellationTokenSource();
 cts.Token.Register(() => Console.WriteLine("plain"));
 cts.Token.Register(state => Console.WriteLine($"state: {state}"), "job 7");
 cts.CancelAfter(20);
 await Task.Delay(50);
}

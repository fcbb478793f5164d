// @title An async lambda passed as an Action is async void
void Main()
{
    var cts = new CancellationTokenSource();
    cts.Token.Register(async () => { await Task.Delay(10); Console.WriteLine("callback after its await"); });
    cts.Cancel();
    Console.WriteLine("Cancel returned");
    Thread worker = new Thread(async () => { await Task.Delay(20); Console.WriteLine("thread lambda after its await"); });
    worker.Start();
    worker.Join();
    Console.WriteLine("Join returned");
    ThreadPool.QueueUserWorkItem(async _ => { await Task.Delay(50); throw new InvalidOperationException("escaped async void"); });
    Thread.Sleep(100);
    Console.WriteLine("never");
}

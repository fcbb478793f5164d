// @title StartNew with LongRunning gets a dedicated thread
void Main()
{
    Task t = Task.Factory.StartNew(() =>
    {
        Console.WriteLine("long-running work");
        Thread.Sleep(100);
    }, TaskCreationOptions.LongRunning);
    t.Wait();
    Console.WriteLine("joined");
}

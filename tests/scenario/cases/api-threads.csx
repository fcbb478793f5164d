// @title Threads, ids, Sleep, Join, pool settings
void Main()
{
    Console.WriteLine($"main id {Thread.CurrentThread.ManagedThreadId}");
    var t = new Thread(() =>
    {
        Thread.Sleep(40);
        Console.WriteLine($"thread id {Thread.CurrentThread.ManagedThreadId}");
    });
    t.Start();
    t.Join();
    Console.WriteLine(Environment.ProcessorCount);
    Console.WriteLine(ThreadPool.SetMinThreads(16, 16));
    Console.WriteLine(ThreadPool.SetMinThreads(40000, 40000));
    ThreadPool.QueueUserWorkItem(_ => Console.WriteLine("queued"));
    Thread.Sleep(10);
}

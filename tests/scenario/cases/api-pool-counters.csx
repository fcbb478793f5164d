// @title ThreadPool.ThreadCount, PendingWorkItemCount and IsThreadPoolThread
// @min-threads 2
// @cores 2
void Main()
{
    for (int i = 0; i < 4; i++)
        Task.Run(() => Thread.Sleep(100));
    Thread.Sleep(10);
    Console.WriteLine($"{ThreadPool.ThreadCount} threads, {ThreadPool.PendingWorkItemCount} queued, pool thread: {Thread.CurrentThread.IsThreadPoolThread}");
    Task.Run(() => Console.WriteLine($"on pool: {Thread.CurrentThread.IsThreadPoolThread}")).Wait();
}

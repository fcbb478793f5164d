// @title error case
interface IWorker { Task RunAsync(); void Stop(); }
abstract class Job { public abstract int Cost(); }
class Cleaner : Job, IWorker
{
    public async Task RunAsync() { await Task.Delay(1); }
}
void Main() { }

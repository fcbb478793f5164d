// @title An extension method observes a fire-and-forget task's fault
// @expect outcome completed
// @expect output-order "started" "observed: disk full" "main done"
// The generated program keeps extension classes at the top level (C# requires it).

static class FaultLogging
{
    public static void ObserveFault(this Task task, string label)
    {
        _ = Watch(task, label);
    }

    static async Task Watch(Task task, string label)
    {
        try { await task; }
        catch (Exception e) { Console.WriteLine($"{label}: {e.Message}"); }
    }
}

static async Task Main()
{
    Task background = Task.Run(async () =>
    {
        await Task.Delay(100);
        throw new InvalidOperationException("disk full");
    });
    Console.WriteLine("started");
    background.ObserveFault("observed");
    await Task.Delay(300);
    Console.WriteLine("main done");
}

// @title enums: values print their names and compare
using System;
using System.Threading.Tasks;

enum Stage { Queued, Running = 5, Done }

class Job
{
    public Stage State { get; set; } = Stage.Queued;
    public async Task RunAsync()
    {
        State = Stage.Running;
        Console.WriteLine($"job is {State}");
        await Task.Delay(10);
        State = Stage.Done;
    }
}

class Program
{
    static async Task Main()
    {
        var job = new Job();
        Console.WriteLine(job.State);
        var run = job.RunAsync();
        Console.WriteLine(job.State == Stage.Running ? "still running" : "finished");
        await run;
        Stage s = job.State;
        Console.WriteLine($"{s} {s != Stage.Queued}");
    }
}

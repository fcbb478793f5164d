// @title Which thread continues after await in a console app
// Modelled on: the frequently asked "there is no SynchronizationContext in a console
// app" demonstration: after an await the code resumes on a pool thread, with or
// without ConfigureAwait(false). Our own code.
using System;
using System.Threading;
using System.Threading.Tasks;

class ThreadReporter
{
    public string Describe(string step)
    {
        bool pool = Thread.CurrentThread.IsThreadPoolThread;
        bool context = SynchronizationContext.Current != null;
        return $"{step}: pool thread {pool}, context {context}";
    }
}

class Program
{
    static async Task Main()
    {
        var reporter = new ThreadReporter();
        Console.WriteLine(reporter.Describe("before await"));
        await Task.Delay(50);
        Console.WriteLine(reporter.Describe("after await"));
        await Task.Delay(50).ConfigureAwait(false);
        Console.WriteLine(reporter.Describe("after ConfigureAwait(false)"));
        await Task.Yield();
        Console.WriteLine(reporter.Describe("after Task.Yield"));
    }
}

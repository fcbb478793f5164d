// Task.Run with a non-async lambda returning a Task picks the Func<Task<T>> overload and
// unwraps: the caller's task completes when the inner task completes. StartNew does not
// unwrap: it returns Task<Task<T>>, complete as soon as the delegate returned.
// Run: dotnet run task-run-unwrap.cs
using System.Diagnostics;

var sw = Stopwatch.StartNew();
double Ms() => Math.Round(sw.Elapsed.TotalMilliseconds);

async Task<string> GetAsync()
{
    await Task.Delay(200);
    return "invoice";
}

Task<string> run = Task.Run(() => GetAsync());
Console.WriteLine($"Task.Run type={run.GetType().Name} completed-at-once={run.IsCompleted}");
string r = run.Result;
Console.WriteLine($"Task.Run result={r} at {Ms()} ms");

sw.Restart();
var started = Task.Factory.StartNew(() => GetAsync());
Console.WriteLine($"StartNew type={started.GetType().GenericTypeArguments[0].Name}");
Task<string> inner = started.Result;
Console.WriteLine($"StartNew outer result at {Ms()} ms, inner completed={inner.IsCompleted}");
Console.WriteLine($"StartNew inner result={inner.Result} at {Ms()} ms");

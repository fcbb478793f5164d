// How coarse are .NET's timers on Linux?
// Usage: dotnet run timer-resolution.cs   (best under `chrt -f 10` on a busy machine)
// Prints the steps of Environment.TickCount64 (the clock .NET's timer queue compares due
// times with), then how long ten awaits of Task.Delay(1) take in a row, then the
// spread of single Task.Delay(n) calls.
using System.Diagnostics;

var sw = Stopwatch.StartNew();
long last = Environment.TickCount64;
var steps = new List<long>();
while (steps.Count < 20)
{
    long now = Environment.TickCount64;
    if (now != last)
    {
        steps.Add(now - last);
        last = now;
    }
}
Console.WriteLine("TickCount64 steps (ms): " + string.Join(" ", steps));

for (int round = 0; round < 3; round++)
{
    double start = sw.Elapsed.TotalMilliseconds;
    for (int i = 0; i < 10; i++)
        await Task.Delay(1);
    Console.WriteLine($"round {round}: ten Task.Delay(1) took {sw.Elapsed.TotalMilliseconds - start:0.0} ms");
}

foreach (int n in new[] { 1, 2, 3, 5, 10, 16, 20, 50, 100 })
{
    var took = new List<double>();
    for (int i = 0; i < 10; i++)
    {
        double start = sw.Elapsed.TotalMilliseconds;
        await Task.Delay(n);
        took.Add(sw.Elapsed.TotalMilliseconds - start);
    }
    took.Sort();
    Console.WriteLine($"Task.Delay({n}): min {took[0]:0.0}, median {took[5]:0.0}, max {took[9]:0.0} ms");
}

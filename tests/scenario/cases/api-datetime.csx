// @title DateTime on the simulated clock
// Checked against .NET 10 (`dotnet run`, invariant culture, UTC): the lines built from fixed
// dates print the same text; DateTime.Now reads the simulated clock, which starts at
// 01/01/2025 09:00:00, so the delay shows as exactly 1500 ms (.NET: about 1500).
using System;
using System.Threading.Tasks;

class Program
{
    static async Task Main()
    {
        var start = DateTime.Now;
        Console.WriteLine(start);
        Console.WriteLine($"{start:HH:mm:ss.fff} started");
        await Task.Delay(1500);
        var now = DateTime.Now;
        Console.WriteLine($"{now:HH:mm:ss.fff} after {(now - start).TotalMilliseconds} ms");
        Console.WriteLine(now - start);
        Console.WriteLine(now.ToString("yyyy-MM-dd HH:mm:ss.fff"));
        Console.WriteLine(DateTime.UtcNow.ToString("o"));
        Console.WriteLine(now > start);
        var d = new DateTime(2025, 1, 1, 9, 0, 0);
        Console.WriteLine(d.AddMilliseconds(1234.5));
        Console.WriteLine(d + TimeSpan.FromMinutes(2));
        var ts = TimeSpan.FromSeconds(1.5);
        Console.WriteLine(ts * 2);
        Console.WriteLine(ts / 2);
        Console.WriteLine(TimeSpan.FromHours(1.25));
        Console.WriteLine(ts.ToString(@"mm\:ss\.fff"));
        Console.WriteLine($"{d.Hour} {d.Minute} {d.Second} {d.Millisecond} {d.Date}");
        Console.WriteLine(d.Ticks);
    }
}

// @title TimeSpan and Stopwatch.Elapsed print as .NET prints them
async Task Main() {
 var sw = System.Diagnostics.Stopwatch.StartNew();
 await Task.Delay(1120);
 sw.Stop();
 Console.WriteLine(sw.Elapsed);
 Console.WriteLine($"{sw.Elapsed.TotalSeconds} {TimeSpan.FromMilliseconds(50)} {TimeSpan.Zero} {sw.Elapsed > TimeSpan.FromSeconds(1)}");
 Console.WriteLine("{0:F2} s", sw.Elapsed.TotalSeconds);
}

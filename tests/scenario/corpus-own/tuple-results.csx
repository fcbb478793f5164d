// @title Async methods returning tuples
// Needs: tuples and deconstruction (w/everyday)
// Modelled on: the common "return (bool ok, T value) from an async Try method" style
// (async methods cannot have out parameters). Our own code.
using System;
using System.Threading.Tasks;

class HealthProbe
{
    public async Task<(bool Healthy, int Millis)> CheckAsync(string service, int ms, bool fail)
    {
        try
        {
            await Http.GetAsync($"https://{service}.example.org/health", ms, fail: fail);
            return (true, ms);
        }
        catch (HttpRequestException)
        {
            return (false, ms);
        }
    }
}

class Program
{
    static async Task Main()
    {
        var probe = new HealthProbe();
        var (healthy, millis) = await probe.CheckAsync("search", 70, false);
        Console.WriteLine($"search healthy={healthy} in {millis} ms");
        var result = await probe.CheckAsync("billing", 40, true);
        Console.WriteLine($"billing healthy={result.Healthy} in {result.Millis} ms");
    }
}

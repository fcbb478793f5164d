// @title One fetch shared by every caller: a cache of tasks
// Modelled on: the "cache the Task, not the result" / AsyncLazy pattern: concurrent
// requests for the same key await one download instead of starting their own.
// Our own code.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

class ProfileCache
{
    private readonly Dictionary<string, Task<string>> entries = new Dictionary<string, Task<string>>();
    private readonly object gate = new object();

    public int Downloads { get; private set; }

    public Task<string> GetAsync(string user)
    {
        lock (gate)
        {
            Task<string> existing;
            if (!entries.TryGetValue(user, out existing))
            {
                Downloads++;
                existing = LoadAsync(user);
                entries[user] = existing;
            }
            return existing;
        }
    }

    private static async Task<string> LoadAsync(string user)
    {
        Console.WriteLine($"downloading {user}");
        string body = await Http.GetAsync($"https://people.example.org/{user}", 200);
        return $"{user} ({body.Length} bytes)";
    }
}

class Program
{
    static async Task Main()
    {
        var cache = new ProfileCache();
        Task<string> first = cache.GetAsync("ada");
        Task<string> second = cache.GetAsync("ada");
        Task<string> other = cache.GetAsync("grace");
        string[] profiles = await Task.WhenAll(first, second, other);
        foreach (string p in profiles)
            Console.WriteLine(p);
        Console.WriteLine($"same task: {first == second}, downloads: {cache.Downloads}");

        await Task.Delay(100);
        string again = await cache.GetAsync("ada");
        Console.WriteLine($"later: {again}, downloads: {cache.Downloads}");
    }
}

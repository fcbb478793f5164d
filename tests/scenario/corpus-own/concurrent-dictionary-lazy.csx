// @title ConcurrentDictionary of lazy tasks
// Modelled on: the thread-safe async cache idiom, GetOrAdd with a Lazy<Task<T>> so
// that concurrent callers share one creation. Our own code.
using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

class TokenCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> tokens =
        new ConcurrentDictionary<string, Lazy<Task<string>>>();
    private int issued;

    public Task<string> GetAsync(string audience)
    {
        return tokens.GetOrAdd(audience, a => new Lazy<Task<string>>(() => IssueAsync(a))).Value;
    }

    private async Task<string> IssueAsync(string audience)
    {
        issued++;
        await Http.GetAsync($"https://auth.example.org/token?aud={audience}", 150);
        return $"token-{audience}-{issued}";
    }
}

class Program
{
    static async Task Main()
    {
        var cache = new TokenCache();
        string[] tokens = await Task.WhenAll(cache.GetAsync("api"), cache.GetAsync("api"), cache.GetAsync("files"));
        Console.WriteLine(string.Join(" ", tokens));
    }
}

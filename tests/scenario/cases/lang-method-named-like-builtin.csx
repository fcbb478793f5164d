// @title name clash
// A class with its own GetAsync still calls Http.GetAsync through the type name (it used to bind to the class's method).
using System;
using System.Threading.Tasks;

class Cache
{
    public Task<string> GetAsync(string user) => LoadAsync(user);

    static async Task<string> LoadAsync(string user)
    {
        string body = await Http.GetAsync($"https://people.example.org/{user}", 200);
        return body;
    }
}

static async Task Main()
{
    var c = new Cache();
    Console.WriteLine(await c.GetAsync("ann"));
}

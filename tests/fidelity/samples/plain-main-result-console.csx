// @title     Plain static void Main blocking on .Result in a console app
// @expect outcome completed
// @expect end-at 150ms
// Held out: a plain `static void Main()` (the program has its own Main) that blocks
// on an async method; with no context, the continuation completes it from the pool.

static async Task<string> FetchAsync()
{
    string body = await Http.GetAsync("https://api.example/a", 150);
    Console.WriteLine("continuation ran");
    return body;
}

static void Main()
{
    Console.WriteLine("blocking on .Result");
    string body = FetchAsync().Result;
    Console.WriteLine($"got {body.Length} characters");
}

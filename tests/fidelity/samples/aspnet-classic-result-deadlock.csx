// @title     Classic ASP.NET: .Result inside the request context deadlocks
// @environment aspnet-classic
// @expect outcome deadlock
// Pins: the continuation is posted to the request's context, which the blocked
// request thread still holds.

async Task<string> LoadAsync()
{
    string body = await Http.GetAsync("https://api.example/", 100);
    return body;
}

void HandleRequestAsync()
{
    Console.WriteLine("request started");
    string body = LoadAsync().Result;
    Console.WriteLine("never printed");
}

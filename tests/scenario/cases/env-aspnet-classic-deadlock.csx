// @title classic ASP.NET: .Result inside the request context deadlocks
// @environment aspnet-classic
async Task<string> LoadAsync()
{
    await Task.Delay(20);
    return "data";
}
void HandleRequestAsync()
{
    string data = LoadAsync().Result;
    Console.WriteLine(data);
}

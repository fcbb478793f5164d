// @title The simulated world: Http, Db, Cpu, fault injection
async Task Main()
{
    string body = await Http.GetAsync("https://api.example/a", 40);
    Console.WriteLine(body);
    int rows = await Db.QueryAsync("SELECT 1", 10);
    Console.WriteLine(rows);
    Console.WriteLine(Http.Get("https://api.example/sync", 30));
    Db.Query("UPDATE x", 20);
    Cpu.Work(10);
    Console.WriteLine("cpu done");
    try { await Http.GetAsync("https://api.example/broken", 10, fail: true); }
    catch (HttpRequestException e) { Console.WriteLine(e.Message); }
    for (int attempt = 1; ; attempt++)
    {
        try
        {
            await Http.GetAsync("https://api.example/flaky", 10, failures: 2);
            Console.WriteLine($"ok after {attempt}");
            break;
        }
        catch (HttpRequestException) { Console.WriteLine($"attempt {attempt} failed"); }
    }
}

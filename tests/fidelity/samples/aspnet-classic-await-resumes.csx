// @title     Classic ASP.NET: await resumes in the request's context on a pool thread
// @environment aspnet-classic
// @expect outcome completed
// @expect end-at 220ms
// Held out: the request context runs callbacks one at a time on pool threads; two
// sequential awaits resume in it.

async Task HandleRequestAsync()
{
    Console.WriteLine("request start");
    await Db.QueryAsync("SELECT 1", 120);
    Console.WriteLine("after the query");
    await Http.GetAsync("https://api.example/e", 100);
    Console.WriteLine("after the call");
}

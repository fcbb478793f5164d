// @title a web environment without @load serves one request at t = 0
// @environment aspnetcore
async Task HandleRequestAsync()
{
    Console.WriteLine("request");
    await Db.QueryAsync("SELECT 1", 25);
    Console.WriteLine("response");
}

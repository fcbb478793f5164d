// @title web
// @environment aspnetcore
// @load 10 for 300ms
static int served;
async Task HandleRequestAsync()
{
    await Task.Delay(100);
    served++;
    Console.WriteLine($"served {served}");
}

// @title t
async Task Main()
{
    await Task.Delay(1, 2, 3);
}

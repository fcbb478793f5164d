// @title t
async Task Main()
{
    await Task.Dellay(100);
}

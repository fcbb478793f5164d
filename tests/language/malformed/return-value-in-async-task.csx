// @title t
async Task Main()
{
    await Task.Yield();
    return 5;
}

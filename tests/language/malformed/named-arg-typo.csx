// @title t
async Task Main()
{
    await Http.GetAsync("u", 100, fial: true);
}

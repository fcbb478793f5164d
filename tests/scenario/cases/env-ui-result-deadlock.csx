// @title deadlock
// @environment ui
async Task<string> GetAsync()
{
    await Task.Delay(100);
    return "x";
}
void Button_Click()
{
    Console.WriteLine(GetAsync().Result);
}

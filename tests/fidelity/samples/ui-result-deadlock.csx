// @title     UI: .Result on the UI thread deadlocks
// @environment ui
// @expect outcome deadlock
// Held out: the continuation is posted to the UI thread, which is blocked in .Result.

async Task<string> LoadAsync()
{
    string body = await Http.GetAsync("https://api.example/b", 100);
    Console.WriteLine("never printed");
    return body;
}

void Button_Click(object sender, EventArgs e)
{
    Console.WriteLine("blocking the UI thread");
    string body = LoadAsync().Result;
    Console.WriteLine("never reached");
}

// @title     Export test: .Result on the UI thread
// @topic     Deadlocks and starvation
// @environment ui
// @knob ConfigureAwaitFalse = false "Use ConfigureAwait(false)"
// @note L15: The UI thread blocks here.

async Task<string> GetDataAsync()
{
    string body = await Http.GetAsync("https://api.example/data", 200).ConfigureAwait(!ConfigureAwaitFalse);
    return body;
}

void Button_Click(object sender, EventArgs e)
{
    string data = GetDataAsync().Result;
    Console.WriteLine("got the data");
}

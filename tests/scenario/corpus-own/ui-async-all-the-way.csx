// @title Async all the way from the click handler
// @environment ui
// Modelled on: the fix for the UI deadlock, "async all the way": the handler is async
// void, awaits the service, and updates the window back on the UI thread. Our own code.
using System;
using System.Threading.Tasks;

class StatusLabel
{
    public string Text { get; set; } = "idle";

    public void Show(string text)
    {
        Text = text;
        Console.WriteLine($"label: {text}");
    }
}

class InboxService
{
    public async Task<int> CountUnreadAsync()
    {
        string body = await Http.GetAsync("https://mail.example.org/unread", 250);
        return body.Length % 7 + 3;
    }
}

static class MainWindow
{
    static readonly StatusLabel label = new StatusLabel();
    static readonly InboxService inbox = new InboxService();

    static async void Button_Click(object sender, EventArgs e)
    {
        label.Show("checking mail...");
        int unread = await inbox.CountUnreadAsync();
        label.Show($"{unread} unread messages");
        await Task.Delay(100);
        label.Show("done");
    }
}

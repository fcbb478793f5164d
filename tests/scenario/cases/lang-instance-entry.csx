// @title an instance method as the entry: a form's handler on new MainForm()
// @environment ui
// Checked against .NET 10 (`dotnet run` of `awaitlab csharp --target dotnet`, 2026-12-05).
using System;
using System.Threading.Tasks;

class MainForm
{
    private static int created;
    private readonly int number;
    private int clicks = 10;
    public string Status { get; private set; } = "idle";

    public MainForm()
    {
        created++;
        number = created;
        Console.WriteLine($"form {number} created, clicks {clicks}");
    }

    private async void Button_Click(object sender, EventArgs e)
    {
        Console.WriteLine($"sender is null: {sender == null}");
        clicks++;
        Status = "loading";
        await Task.Delay(100);
        Status = $"loaded by form {number} after {clicks - 10} click";
        Console.WriteLine(Status);
    }
}

// @title events: +=, -=, ?.Invoke and calling the delegate, with an async void handler
using System;
using System.Threading.Tasks;

class Door
{
    public event EventHandler Opened;
    public int Opens { get; set; }

    public void Open()
    {
        Opens++;
        Opened?.Invoke(this, EventArgs.Empty);
    }
}

class Program
{
    static void Log(object sender, EventArgs e) => Console.WriteLine("log: opened");
    static async void Greet(object sender, EventArgs e)
    {
        await Task.Delay(50);
        Console.WriteLine("greet: hello after 50 ms");
    }

    static async Task Main()
    {
        var door = new Door();
        door.Open();                       // no handlers: ?. skips the call
        door.Opened += Log;
        door.Opened += Greet;
        door.Opened += (s, e) => Console.WriteLine($"lambda: {((Door)s).Opens}");
        door.Open();
        door.Opened -= Greet;
        door.Open();
        await Task.Delay(100);
    }
}

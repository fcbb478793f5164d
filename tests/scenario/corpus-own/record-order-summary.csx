// @title Records as results of async calls
// Modelled on: modern C# service code returning immutable records from async methods
// and classifying them with a switch expression. Our own code.
using System;
using System.Threading.Tasks;

record Shipment(string Id, int Days);

class Program
{
    static async Task<Shipment> TrackAsync(string id, int ms)
    {
        await Http.GetAsync($"https://track.example.org/{id}", ms);
        return new Shipment(id, ms / 50);
    }

    static string Describe(Shipment s) => s.Days switch
    {
        0 => "today",
        1 => "tomorrow",
        _ => $"in {s.Days} days",
    };

    static async Task Main()
    {
        Shipment a = await TrackAsync("A-1", 60);
        Shipment b = await TrackAsync("B-2", 160);
        Console.WriteLine($"{a.Id} arrives {Describe(a)}, {b.Id} arrives {Describe(b)}");
        Console.WriteLine(a with { Days = 0 } == new Shipment("A-1", 0));
    }
}

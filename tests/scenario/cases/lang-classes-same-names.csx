// @title classes: the same method and field names in two classes, params calls
using System;
using System.Threading.Tasks;

static class Toaster
{
    static int made = 0;
    public static async Task<string> MakeAsync(int slices)
    {
        await Task.Delay(100 * slices);
        made += slices;
        return Describe();
    }
    static string Describe() => $"toaster made {made}";
}

static class Kettle
{
    static int made = 10;
    public static async Task<string> MakeAsync(int cups)
    {
        await Task.Delay(50);
        made += cups;
        return Describe();
    }
    static string Describe() => $"kettle made {made}";
}

class Program
{
    static int Sum(string label, params int[] xs)
    {
        int s = 0;
        foreach (var x in xs) s += x;
        Console.WriteLine($"{label}: {s} from {xs.Length}");
        return s;
    }

    static async Task Main()
    {
        var toast = Toaster.MakeAsync(2);
        var tea = Kettle.MakeAsync(1);
        Console.WriteLine(await tea);
        Console.WriteLine(await toast);
        Sum("none");
        Sum("three", 1, 2, 3);
        Sum("array", new[] { 4, 5 });
    }
}

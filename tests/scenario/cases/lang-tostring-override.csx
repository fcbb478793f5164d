// @title classes: ToString overrides print in WriteLine, interpolation and concatenation
using System;
using System.Threading.Tasks;
class Egg
{
    public int Minutes;
    public Egg(int m) { Minutes = m; }
    public override string ToString() => $"egg({Minutes} min)";
}
record Toast(int Slices)
{
    public override string ToString() => $"{Slices} slices of toast";
}
class Program
{
    static async Task<Egg> BoilAsync(int m) { await Task.Delay(m); return new Egg(m); }
    static async Task Main()
    {
        var e = await BoilAsync(30);
        Console.WriteLine(e);
        Console.WriteLine($"ready: {e} and {new Toast(2)}");
        Console.WriteLine("got " + e);
        Console.WriteLine(e.ToString().Length);
    }
}

// @title nested classes, named through their outer class
using System;
using System.Threading.Tasks;

class Kitchen
{
    public class Toaster
    {
        public int Slices;
        public Toaster(int slices) { Slices = slices; }
        public async Task<string> ToastAsync()
        {
            await Task.Delay(100 * Slices);
            return $"{Slices} slices";
        }
        public static string Brand() => "Acme";
    }
}

class Program
{
    static async Task Main()
    {
        var t = new Kitchen.Toaster(2);
        Kitchen.Toaster other = new Kitchen.Toaster(1);
        Console.WriteLine($"{Kitchen.Toaster.Brand()}: {await t.ToastAsync()}, {await other.ToastAsync()}");
    }
}

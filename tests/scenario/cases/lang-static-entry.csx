// @title a static async Main in a class
using System;
using System.Threading.Tasks;
class Program
{
    static async Task Main()
    {
        await Task.Delay(30);
        Console.WriteLine("async main done");
    }
}

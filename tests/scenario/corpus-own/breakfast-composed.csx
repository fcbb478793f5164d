// @title Breakfast, composed tasks and WhenAll
// Modelled on: the documentation's "async breakfast" where toasting and spreading are
// composed into one task and everything is awaited with Task.WhenAll. Our own code.
using System;
using System.Threading.Tasks;

class Porridge { }
class Bread { }
class Coffee { }

class Cafe
{
    public string Name { get; }
    public int Orders { get; private set; }

    public Cafe(string name)
    {
        Name = name;
    }

    public async Task<Porridge> CookPorridgeAsync()
    {
        Orders++;
        Console.WriteLine($"{Name}: porridge on the hob");
        await Task.Delay(300);
        Console.WriteLine($"{Name}: porridge done");
        return new Porridge();
    }

    public async Task<Bread> ToastAsync()
    {
        Orders++;
        Console.WriteLine($"{Name}: bread in the toaster");
        await Task.Delay(120);
        return new Bread();
    }

    public void Spread(Bread bread, string what) => Console.WriteLine($"{Name}: spreading {what}");

    // Toasting and spreading are one job: the spreading waits for the toast only.
    public async Task<Bread> MakeToastWithHoneyAsync()
    {
        Bread bread = await ToastAsync();
        Spread(bread, "butter");
        Spread(bread, "honey");
        return bread;
    }

    public async Task<Coffee> BrewAsync()
    {
        Orders++;
        await Task.Delay(200);
        Console.WriteLine($"{Name}: coffee brewed");
        return new Coffee();
    }
}

class Program
{
    static async Task Main()
    {
        var cafe = new Cafe("Corner");
        var porridge = cafe.CookPorridgeAsync();
        var toast = cafe.MakeToastWithHoneyAsync();
        var coffee = cafe.BrewAsync();

        await Task.WhenAll(porridge, toast, coffee);
        Console.WriteLine($"{cafe.Name}: {cafe.Orders} dishes served together");
    }
}

// @title Breakfast, each dish awaited in turn
// Modelled on: the documentation's "async breakfast", its first asynchronous version:
// every dish is awaited before the next one starts, so the kitchen never overlaps
// work. Our own code and wording; the cooking is simulated with Task.Delay.
using System;
using System.Threading.Tasks;

class Tea { }
class Omelette { }
class Sausages { }
class Bread { }

class Kitchen
{
    private readonly string cook;

    public Kitchen(string cook)
    {
        this.cook = cook;
    }

    public Tea BrewTea()
    {
        Console.WriteLine($"{cook} brews the tea");
        return new Tea();
    }

    public async Task<Omelette> MakeOmeletteAsync(int eggs)
    {
        Console.WriteLine($"{cook} heats the pan for {eggs} eggs");
        await Task.Delay(200);
        Console.WriteLine($"{cook} folds the omelette");
        await Task.Delay(100);
        return new Omelette();
    }

    public async Task<Sausages> GrillSausagesAsync(int count)
    {
        Console.WriteLine($"{cook} puts {count} sausages under the grill");
        await Task.Delay(250);
        Console.WriteLine($"{cook} turns the sausages");
        await Task.Delay(250);
        return new Sausages();
    }

    public async Task<Bread> ToastAsync(int slices)
    {
        Console.WriteLine($"{cook} toasts {slices} slices");
        await Task.Delay(150);
        return new Bread();
    }
}

class Program
{
    static async Task Main()
    {
        var kitchen = new Kitchen("Sam");
        Tea tea = kitchen.BrewTea();
        Console.WriteLine("tea: ready");

        Omelette omelette = await kitchen.MakeOmeletteAsync(3);
        Console.WriteLine("omelette: ready");

        Sausages sausages = await kitchen.GrillSausagesAsync(4);
        Console.WriteLine("sausages: ready");

        Bread toast = await kitchen.ToastAsync(2);
        Console.WriteLine("toast: ready");
        Console.WriteLine("Everything is on the table");
    }
}

// @title Breakfast, dishes started together
// Modelled on: the documentation's "async breakfast" where the tasks are started
// first and awaited afterwards, so the cooking overlaps. Our own code and wording.
using System;
using System.Threading.Tasks;

class Omelette { }
class Sausages { }
class Bread { }

static class Stove
{
    public static async Task<Omelette> MakeOmeletteAsync(int eggs)
    {
        Console.WriteLine($"pan heating for {eggs} eggs");
        await Task.Delay(200);
        Console.WriteLine("omelette folded");
        await Task.Delay(100);
        return new Omelette();
    }

    public static async Task<Sausages> GrillSausagesAsync(int count)
    {
        Console.WriteLine($"{count} sausages under the grill");
        await Task.Delay(250);
        Console.WriteLine("sausages turned");
        await Task.Delay(250);
        return new Sausages();
    }

    public static async Task<Bread> ToastAsync(int slices)
    {
        Console.WriteLine($"{slices} slices in the toaster");
        await Task.Delay(150);
        return new Bread();
    }
}

class Program
{
    static async Task Main()
    {
        Task<Omelette> omeletteTask = Stove.MakeOmeletteAsync(3);
        Task<Sausages> sausagesTask = Stove.GrillSausagesAsync(4);
        Task<Bread> toastTask = Stove.ToastAsync(2);

        Bread toast = await toastTask;
        Console.WriteLine("toast: ready");
        Omelette omelette = await omeletteTask;
        Console.WriteLine("omelette: ready");
        Sausages sausages = await sausagesTask;
        Console.WriteLine("sausages: ready");
        Console.WriteLine("Everything is on the table");
    }
}

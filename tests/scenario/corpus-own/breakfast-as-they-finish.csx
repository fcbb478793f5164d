// @title Breakfast served as each dish finishes
// Modelled on: the final version of the documentation's "async breakfast": a list of
// running tasks, Task.WhenAny in a loop, each finished task removed and reported.
// Our own code and wording.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

class Dish
{
    public string Name { get; }
    public Dish(string name) { Name = name; }
}

class Program
{
    static async Task<Dish> CookAsync(string name, int minutes)
    {
        Console.WriteLine($"start {name}");
        await Task.Delay(minutes * 10);
        return new Dish(name);
    }

    static async Task Main()
    {
        var cooking = new List<Task<Dish>>
        {
            CookAsync("pancakes", 40),
            CookAsync("beans", 25),
            CookAsync("mushrooms", 15),
            CookAsync("tomatoes", 30),
        };

        int served = 0;
        while (cooking.Count > 0)
        {
            Task<Dish> finished = await Task.WhenAny(cooking);
            cooking.Remove(finished);
            Dish dish = await finished;
            served++;
            Console.WriteLine($"served {dish.Name} ({served} so far, {cooking.Count} cooking)");
        }
        Console.WriteLine("all served");
    }
}

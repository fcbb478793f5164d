// @title Breakfast in a top-level program
// Modelled on: the documentation's "async breakfast" as written with the modern
// console template: top-level statements, the helpers declared after them and the
// dishes as classes below. Our own code and wording.
using System;
using System.Threading.Tasks;

Console.WriteLine("kitchen opens");
var bagels = ToastBagelsAsync(2);
var eggs = ScrambleAsync(4);
await Task.WhenAll(bagels, eggs);
Console.WriteLine($"{(await bagels).Count} bagels and {(await eggs).Eggs} scrambled eggs");

static async Task<Bagels> ToastBagelsAsync(int count)
{
    await Task.Delay(180);
    Console.WriteLine("bagels toasted");
    return new Bagels { Count = count };
}

static async Task<Scramble> ScrambleAsync(int eggs)
{
    await Task.Delay(120);
    Console.WriteLine("eggs whisked");
    await Task.Delay(120);
    Console.WriteLine("eggs scrambled");
    return new Scramble { Eggs = eggs };
}

class Bagels
{
    public int Count { get; set; }
}

class Scramble
{
    public int Eggs { get; set; }
}

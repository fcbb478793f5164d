// @title classes: interfaces, abstract and virtual methods, base calls and constructors, is/as/casts
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

interface IWorker
{
    Task<string> RunAsync(int ms);
}

abstract class Machine : IWorker
{
    protected string name;
    protected int runs = 0;

    protected Machine(string name) { this.name = name; Console.WriteLine($"Machine({name})"); }

    public abstract Task<string> RunAsync(int ms);

    public virtual string Describe() => $"machine {name}";

    public string Report() => $"{Describe()} ran {runs}";
}

class Toaster : Machine
{
    int slices;

    public Toaster(int slices) : base("toaster") { this.slices = slices; }

    public override async Task<string> RunAsync(int ms)
    {
        await Task.Delay(ms * slices);
        runs++;
        return $"{slices} toast";
    }

    public override string Describe() => "toaster, " + base.Describe();
}

class Kettle : Machine
{
    public Kettle() : base("kettle") { }

    public override async Task<string> RunAsync(int ms)
    {
        await Task.Delay(ms);
        runs += 2;
        return "tea";
    }
}

class Program
{
    static async Task Main()
    {
        List<IWorker> workers = new List<IWorker> { new Toaster(2), new Kettle() };
        foreach (var w in workers)
            Console.WriteLine(await w.RunAsync(50));
        Machine m = workers[0] as Machine;
        Console.WriteLine(m.Report());
        Console.WriteLine(((Machine)workers[1]).Report());
        object o = workers[1];
        Console.WriteLine(o is Machine);
        Console.WriteLine(o is Toaster);
        Console.WriteLine(o is IWorker);
        Toaster t = o as Toaster;
        Console.WriteLine(t == null);
        try
        {
            var bad = (Toaster)o;
        }
        catch (InvalidCastException)
        {
            Console.WriteLine("not a toaster");
        }
    }
}

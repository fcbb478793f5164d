// @title classes: objects, fields, constructors, instance and class-qualified static methods
using System;
using System.Threading.Tasks;

class Counter
{
    private int count;
    private readonly string name;
    public static int Instances = 0;

    public Counter(string name)
    {
        this.name = name;
        Instances++;
    }

    public void Increment() => count++;

    public async Task<int> IncrementLaterAsync(int ms)
    {
        await Task.Delay(ms);
        Increment();
        return count;
    }

    public string Describe() { return $"{name}: {count}"; }
}

class Toaster
{
    public static async Task<string> ToastAsync() { await Task.Delay(100); return "toast"; }
    public static string Describe() => "a toaster";
}

class Program
{
    static async Task Main()
    {
        var a = new Counter("a");
        Counter b = new Counter("b");
        a.Increment();
        int n = await b.IncrementLaterAsync(50);
        Console.WriteLine($"{a.Describe()} {b.Describe()} {n} {Counter.Instances}");
        Console.WriteLine(await Toaster.ToastAsync());
        Console.WriteLine(Toaster.Describe());
        Console.WriteLine(a);
    }
}

// @title generic classes and interfaces: type parameters are accepted as types
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

interface IRepository<T>
{
    Task<T> GetAsync(int id);
}

class Box<T>
{
    private T value;
    public Box(T value) { this.value = value; }
    public T Value => value;
    public Box<T> With(T other) => new Box<T>(other);
    public override string ToString() => $"Box({value})";
}

class Pair<TKey, TValue> where TKey : notnull
{
    public TKey Key { get; set; }
    public TValue Val { get; set; }
}

class NameRepository : IRepository<string>
{
    readonly List<string> names = new List<string> { "ann", "bob" };
    public async Task<string> GetAsync(int id)
    {
        await Task.Delay(10 * (id + 1));
        return names[id];
    }
}

class Program
{
    static async Task Main()
    {
        var b = new Box<int>(41);
        Console.WriteLine(b.Value + 1);
        Console.WriteLine(b.With(7));
        var p = new Pair<string, double> { Key = "pi", Val = 3.14 };
        Console.WriteLine($"{p.Key}={p.Val}");
        IRepository<string> repo = new NameRepository();
        Console.WriteLine(await repo.GetAsync(1));
        Console.WriteLine(repo is IRepository<string>);
    }
}

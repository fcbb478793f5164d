// @title top-level statements with await, a lambda and methods after them
using System;
using System.Threading.Tasks;

Console.WriteLine("start");
var slow = SlowAsync(100);
int bonus = 3;
Func<int, int> add = y => y + bonus;
await Task.Delay(10);
Console.WriteLine($"{add(1)} {await slow}");
Console.WriteLine(Twice(21));

static async Task<int> SlowAsync(int ms)
{
    await Task.Delay(ms);
    return ms;
}

static int Twice(int x) => x * 2;

// @title top-level variables seen by the methods declared among the statements
// Checked against .NET 10 (dotnet run): the expected output is what it printed.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

Console.WriteLine("first statement");
var gate = new SemaphoreSlim(1);
int calls = 0;

async Task VisitAsync(string who)
{
    await gate.WaitAsync();
    try
    {
        calls++;
        Console.WriteLine($"{who} inside, call {calls}");
        await Task.Delay(100);
    }
    finally
    {
        gate.Release();
    }
}

List<Task> visits = [VisitAsync("ann"), VisitAsync("bob")];
int[] sizes = [3, 1, 2];
List<string> empty = [];
await Task.WhenAll(visits);
Console.WriteLine($"{calls} calls, {sizes.Length} sizes, first {sizes[0]}, {empty.Count} empty, {visits.Count} visits");
var label = "top";
Console.WriteLine(Shout("own") + " " + label);

// Its parameter hides the top-level `label`: that one stays a local.
static string Shout(string label) => label.ToUpper();

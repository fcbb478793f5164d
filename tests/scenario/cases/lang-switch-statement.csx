// @title switch statements: type, constant, relational and property patterns, guards, shared labels, default anywhere, break/continue, await in a section
// Checked against .NET 10 (`dotnet run`, 2026-12-05): the same lines in the same order.
using System;
using System.Threading.Tasks;

enum Stage { Queued, Running, Done }

class Program
{
    static string Classify(object o)
    {
        switch (o)
        {
            case null:
                return "null";
            case int n when n > 100:
                return $"large {n}";
            case int n:
                return $"int {n}";
            case string { Length: 0 }:
                return "empty string";
            case string s:
                return $"string {s}";
            default:
                return $"other {o}";
        }
    }

    static string Grade(int score)
    {
        switch (score)
        {
            case >= 90:
                return "A";
            case >= 75 and < 90:
                return "B";
            default:
                return "C";
        }
    }

    static async Task<int> StepAsync(Stage stage)
    {
        int cost = 0;
        switch (stage)
        {
            case Stage.Queued:
            case Stage.Running:
                await Task.Delay(20);
                cost = 20;
                break;
            default:
                cost = -1;
                break;
            case Stage.Done:
                cost = 0;
                break;
        }
        return cost;
    }

    static async Task Main()
    {
        Console.WriteLine(Classify(5) + ", " + Classify(500) + ", " + Classify("") + ", " + Classify("hi") + ", " + Classify(null) + ", " + Classify(2.5));
        Console.WriteLine(Grade(95) + Grade(80) + Grade(10));
        for (int i = 0; i < 5; i++)
        {
            switch (i % 3)
            {
                case 0:
                    continue;
                case 1:
                    Console.WriteLine($"one at {i}");
                    break;
                default:
                    for (int j = 0; j < 10; j++)
                    {
                        if (j == 1)
                            break;
                        Console.WriteLine($"inner {j}");
                    }
                    break;
            }
            Console.WriteLine($"after switch {i}");
        }
        string command = "stop";
        switch (command)
        {
            case "go":
                Console.WriteLine("going");
                break;
            case "stop":
            case "halt":
                Console.WriteLine("stopping");
                break;
        }
        int total = 0;
        foreach (var st in new[] { Stage.Queued, Stage.Done, Stage.Running })
            total += await StepAsync(st);
        Console.WriteLine($"total {total}");
    }
}

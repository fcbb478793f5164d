// @title Patterns and switch expressions
// Checked against .NET 10 (`dotnet run`): the same lines, then the unhandled
// SwitchExpressionException with the same message.
using System;

class Program
{
    static string Describe(object o) => o switch
    {
        null => "null",
        int i when i < 0 => "negative int",
        int i => $"int {i}",
        string { Length: 0 } => "empty string",
        string s => $"string of {s.Length}",
        _ => "something else",
    };

    static void Main()
    {
        object o = "hello";
        if (o is string s && s.Length > 3) Console.WriteLine($"string {s}");   // string hello
        foreach (var v in new[] { 1, 7, 12, -3 })
        {
            string d = v switch { 1 => "one", > 10 => "big", < 0 => "negative", _ => "other" };
            Console.WriteLine(d);                                                // one other big negative
        }
        int k = 5;
        Console.WriteLine(k is > 0 and < 10);                                   // True
        Console.WriteLine(k is not (1 or 2));                                   // True
        Console.WriteLine("abcd" is { Length: > 3 });                           // True
        Console.WriteLine(o is not null);                                       // True
        var pair = (2, "x");
        Console.WriteLine(pair switch { (2, "x") => "pair", _ => "no" });      // pair
        Exception ex = new InvalidOperationException("boom");
        Console.WriteLine(ex switch { ArgumentException => "arg", InvalidOperationException ioe => $"ioe {ioe.Message}", _ => "other" });
        Console.WriteLine(Describe(null));                                      // null
        Console.WriteLine(Describe(-4));                                        // negative int
        Console.WriteLine(Describe(4));                                         // int 4
        Console.WriteLine(Describe(""));                                        // empty string
        Console.WriteLine(Describe("abc"));                                     // string of 3
        Console.WriteLine(Describe(2.5));                                       // something else
        Console.WriteLine(k switch { 1 => "a", 2 => "b" });                     // throws
    }
}

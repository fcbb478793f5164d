// @title Lazy<T> whose factory reads its own Value
// Checked against .NET 10 (`dotnet run`): the same three lines:
//   ValueFactory attempted to access the Value property of this instance. /
//   False made True made / Value is not created.
using System;

class Program
{
    static Lazy<int> self;

    static void Main()
    {
        self = new Lazy<int>(() => self.Value + 1);
        try { Console.WriteLine(self.Value); }
        catch (InvalidOperationException e) { Console.WriteLine(e.Message); }
        var plain = new Lazy<string>(() => "made", false);
        Console.WriteLine($"{plain.IsValueCreated} {plain.Value} {plain.IsValueCreated} {plain}");
        Console.WriteLine(new Lazy<int>(() => 1));
    }
}

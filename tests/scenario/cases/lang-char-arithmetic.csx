// @title chars are numbers in arithmetic, strings in concatenation
// Checked against .NET 10 (dotnet run): the expected output is what it printed.
using System;

class Program
{
    static int Delay(string key) => (key.Length - 3) * 100 + key[key.Length - 1];

    static void Main()
    {
        string word = "queue";
        char last = word[word.Length - 1];
        Console.WriteLine(last);
        Console.WriteLine(last + 1);
        Console.WriteLine(1 + last);
        Console.WriteLine("x" + last);
        Console.WriteLine(last + "x");
        Console.WriteLine('a' + 'b');
        Console.WriteLine(word[0] - 'a');
        Console.WriteLine((int)'A');
        Console.WriteLine((char)66);
        Console.WriteLine((char)('a' + 2));
        int code = 'z';
        Console.WriteLine(code);
        Console.WriteLine(word[1] == 'u');
        Console.WriteLine(word[1] < 'v');
        Console.WriteLine(last == 101);
        Console.WriteLine(Delay("abcd"));
        int total = 0;
        foreach (string key in new[] { "ab", "xyz" })
            total += key.Length * 10 + key[0];
        Console.WriteLine(total);
    }
}

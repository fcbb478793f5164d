// @title String search, split, trim and format alignment
// Checked against .NET 10 (`dotnet run`): the same six lines:
//   6 23 7 11 -1 / [a][b][][c] / [hi  |xxhi] / True False /
//   [   42] [42   ] [1,234,567] [3.14] [  ab] / 4
using System;
class Program {
  static void Main() {
    string u = "https://a.example.org/x/y";
    Console.WriteLine(u.IndexOf('/') + " " + u.LastIndexOf('/') + " " + u.LastIndexOf("/", 10) + " " + u.IndexOf("x", 5) + " " + u.IndexOf("zz"));
    foreach (var p in "a,b;;c".Split(',', ';')) Console.Write("[" + p + "]");
    Console.WriteLine();
    Console.WriteLine("[" + "  hi  ".TrimStart() + "|" + "xxhixx".TrimEnd('x') + "]");
    Console.WriteLine(string.IsNullOrWhiteSpace("  ") + " " + string.IsNullOrWhiteSpace(" a"));
    Console.WriteLine($"[{42,5}] [{42,-5}] [{1234567:N0}] [{3.14159:F2}] [{"ab".PadLeft(4)}]");
    Console.WriteLine("a b  c".Split().Length);
  }
}

// @title Nested interpolated strings print what C# prints
using System;
class Program {
  static void Main() {
    int a = 5;
    Console.WriteLine($"x{$"y{a}z"}w");
  }
}

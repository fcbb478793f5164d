// @title anonymous types and target-typed new()
using System.Collections.Generic;
class Program {
 static List<int> items = new();
 static void Main() {
  var a = new { Item = "Eggs", Count = 2 };
  int x = 5;
  var b = new { a.Item, x };
  items.Add(x);
  Console.WriteLine($"{a} {b} {a.Count} {b.Item} {items.Count}");
 }
}

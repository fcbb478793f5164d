// @title OrderBy with ThenBy and ThenByDescending
// Checked against .NET 10 (`dotnet run`): the same nine lines:
//   Lima 52 Dan / Oslo 41 Ada / Oslo 30 Eve / Oslo 30 Mia / Rome 25 Ben / Rome 25 Cal /
//   Dan Ada Eve Mia Ben Cal / fig date kiwi pear apple / Ada Eve Mia Ben Cal
using System;
using System.Collections.Generic;
using System.Linq;

class Person
{
    public string Name;
    public string City;
    public int Age;
    public Person(string name, string city, int age) { Name = name; City = city; Age = age; }
}

class Program
{
    static void Main()
    {
        var people = new List<Person>
        {
            new Person("Mia", "Oslo", 30), new Person("Ben", "Rome", 25), new Person("Ada", "Oslo", 41),
            new Person("Cal", "Rome", 25), new Person("Eve", "Oslo", 30), new Person("Dan", "Lima", 52),
        };
        foreach (var p in people.OrderBy(p => p.City).ThenByDescending(p => p.Age).ThenBy(p => p.Name))
            Console.WriteLine($"{p.City} {p.Age} {p.Name}");
        Console.WriteLine(string.Join(" ", people.OrderByDescending(p => p.Age).ThenBy(p => p.Name).Select(p => p.Name)));
        var words = new[] { "pear", "fig", "apple", "kiwi", "date" };
        Console.WriteLine(string.Join(" ", words.OrderBy(w => w.Length).ThenBy(w => w)));
        var query = from p in people
                    where p.Age < 50
                    orderby p.Age descending, p.Name
                    select p.Name;
        Console.WriteLine(string.Join(" ", query));
    }
}

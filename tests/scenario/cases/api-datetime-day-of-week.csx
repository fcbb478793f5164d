// @title DateTime.DayOfWeek, DayOfWeek values, TimeOfDay and the day-name formats
// Checked against .NET 10 (dotnet run, invariant culture): the expected output is what it printed.
using System;

class Program
{
    static void Main()
    {
        var d = new DateTime(2025, 1, 4, 18, 30, 5, 250);
        DayOfWeek day = d.DayOfWeek;
        Console.WriteLine($"{day} {d:ddd} {d:dddd} {d:D}");
        Console.WriteLine(day is DayOfWeek.Saturday || day is DayOfWeek.Sunday ? "weekend" : "weekday");
        Console.WriteLine(d.AddHours(24).DayOfWeek == DayOfWeek.Sunday);
        Console.WriteLine($"{d.TimeOfDay} {d.TimeOfDay:t} {d.TimeOfDay.TotalMinutes}");
        Console.WriteLine(new DateTime(2025, 1, 1).TimeOfDay);
    }
}

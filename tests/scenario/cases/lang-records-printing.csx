// @title records print their public fields and properties only, as .NET does
using System;
record Order(string Item, int Count)
{
    private int secret = 7;
    public string Note { get; init; } = "none";
    public int Total() => Count * 3 + secret;
}
record Empty();
class Program
{
    static void Main()
    {
        Console.WriteLine(new Order("eggs", 2) { Note = "hot" });
        Console.WriteLine(new Empty());
    }
}

// @title structs: values are copied on assignment, as arguments and into lists; receivers mutate in place
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

struct Point
{
    public int X;
    public int Y;
    public Point(int x, int y) { X = x; Y = y; }
    public void Move(int dx) { X += dx; }
    public override string ToString() => $"({X}, {Y})";
}

struct Segment
{
    public Point From;
    public Point To;
}

class Program
{
    static Point Shift(Point p) { p.X += 100; return p; }

    static async Task Main()
    {
        var a = new Point(1, 2);
        var b = a;
        b.X = 10;
        a.Move(5);
        Console.WriteLine($"a={a} b={b}");
        var moved = Shift(a);
        Console.WriteLine($"a={a} moved={moved}");
        var list = new List<Point> { a };
        a.Y = 99;
        Console.WriteLine($"list[0]={list[0]} a={a}");
        Segment s = new Segment();
        s.To.X = 7;
        var t = s;
        t.From.Y = 3;
        Console.WriteLine($"s: {s.From} {s.To}; t: {t.From} {t.To}");
        Point zero = default(Point);
        Console.WriteLine(zero);
        Console.WriteLine(a.Equals(new Point(6, 99)));
        await Task.Delay(10);
        Console.WriteLine(a);
    }
}

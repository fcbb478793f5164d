// @title interp
void Main()
{
    int n = 42; double d = 3.14159; bool b = false;
    Console.WriteLine($"n={n} d={d:F2} b={b} |{n,5}|{n,-5}| {d:0.0} {1234567:N0} {7:D3} {{x}}");
    Console.WriteLine($"{null}|{1.0}|{0.5}|{100.0 / 3}");
    Console.WriteLine("{0} and {1}", "x", 2);
    Console.WriteLine(string.Join(", ", new[] { 1, 2, 3 }));
    Console.WriteLine(n.ToString() + d.ToString("F1"));
}

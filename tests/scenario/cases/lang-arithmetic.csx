// @title arith
void Main()
{
    int a = 7, b = 2;
    double d = 7;
    Console.WriteLine(a / b);
    Console.WriteLine(a % b);
    Console.WriteLine(d / b);
    Console.WriteLine(a / 2.0);
    Console.WriteLine(1.0 / 3);
    Console.WriteLine(0.1 + 0.2);
    Console.WriteLine(a > b);
    Console.WriteLine("x" + a + b);
    Console.WriteLine(a + b + "x");
    Console.WriteLine(1e20);
    Console.WriteLine(2.50);
    string s = null;
    Console.WriteLine("[" + s + "]");
    Console.WriteLine(-a);
    Console.WriteLine(a == 7 && !(b == 3));
    Console.WriteLine(a != 7 || b < 1);
    Console.WriteLine(a > 5 ? "big" : "small");
    Console.WriteLine(s ?? "dflt");
    Console.WriteLine(10 - 2 * 3);
    Console.WriteLine(true);
    Console.WriteLine(1.5e-7);
    long big = 3000000000L * 3;
    Console.WriteLine(big);
}

// @title assign
void Main()
{
    int x = 5;
    x += 3; Console.WriteLine(x);
    x -= 1; Console.WriteLine(x);
    x *= 2; Console.WriteLine(x);
    x /= 4; Console.WriteLine(x);
    x %= 2; Console.WriteLine(x);
    int y = x++; Console.WriteLine($"{x} {y}");
    y = ++x; Console.WriteLine($"{x} {y}");
    y = x--; Console.WriteLine($"{x} {y}");
    --x; Console.WriteLine(x);
    string s = "a"; s += "b"; s += 1; Console.WriteLine(s);
    double d = 1; d /= 4; Console.WriteLine(d);
    string n = null; n ??= "set"; Console.WriteLine(n);
    int[] arr = new int[3]; arr[1] = 5; arr[1] += 2; arr[2]++; Console.WriteLine($"{arr[0]},{arr[1]},{arr[2]}");
}

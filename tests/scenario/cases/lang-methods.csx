// @title methods, parameters, fields
static int calls;
const string Prefix = "n";
static double rate = 2;
int Fib(int n) { calls++; return n < 2 ? n : Fib(n - 1) + Fib(n - 2); }
string Label(int id, string suffix = "!", bool upper = false)
{
    string s = $"{Prefix}{id}{suffix}";
    return upper ? s.ToUpper() : s;
}
double Half(double x) => x / 2;
void Main()
{
    Console.WriteLine(Fib(10));
    Console.WriteLine(calls);
    Console.WriteLine(Label(1));
    Console.WriteLine(Label(2, "?"));
    Console.WriteLine(Label(3, upper: true));
    Console.WriteLine(Half(5));
    Console.WriteLine(rate / 4);
}

// @title properties with bodies: compound assignment and ++ run the getter then the setter; x.P++ is the old value
class Counter
{
    int n;
    public int N { get { return n; } set { Console.WriteLine($"N={value}"); n = value; } }
    public void Tick() { N++; N += 2; }
}
void Main()
{
    var c = new Counter();
    c.Tick();
    c.N *= 3;
    int x = c.N++;
    Console.WriteLine($"{x} {c.N}");
}

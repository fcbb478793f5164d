// @title error case
void Main()
{
    int n = 3;
    if (n.HasValue)
        Console.WriteLine(n);
}

// @title t
void Main()
{
    int factor = 3;
    int Times(int x) => x * factor;
    Console.WriteLine(Times(2));
}

// @title t
void Main()
{
    int x = 1
    Console.WriteLine(x);
}

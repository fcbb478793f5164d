// @title t
void Main()
{
    Console.WriteLine(count);
}

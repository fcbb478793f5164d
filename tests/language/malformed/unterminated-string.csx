// @title t
void Main()
{
    Console.WriteLine("hello);
}

// @title t
void Main()
{
    Console.WriteLine("a\qb");
}

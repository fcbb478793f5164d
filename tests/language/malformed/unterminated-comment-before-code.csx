// @title t
/* oops
void Main()
{
    Console.WriteLine("x");
}

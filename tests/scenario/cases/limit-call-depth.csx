// @title Endless recursion ends like a StackOverflowException
int F(int n) { return F(n + 1) + 1; }
void Main()
{
    Console.WriteLine(F(0));
}

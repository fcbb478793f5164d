// @title error case
class Helpers
{
    public static int Twice(this int x) => x * 2;
}
void Main() { Console.WriteLine(3.Twice()); }

// @title t
void Main()
{
    var xs = new[] { 1, 2 };
    var q = from x in xs from y in xs select x + y;
}

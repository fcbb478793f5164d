// @title t
void Main()
{
    var xs = new[] { 1, 2 };
    var q = from x in xs let y = x * 2 select y;
}

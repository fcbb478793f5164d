// @title t
void Main()
{
    var q = from x in xs select x;
}

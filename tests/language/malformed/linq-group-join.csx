// @title t
void Main()
{
    var xs = new[] { 1, 2 };
    var q = from x in xs join y in xs on x equals y into g select g;
}

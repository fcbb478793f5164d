// @title t
void Main()
{
    var t = (1, 2);
}

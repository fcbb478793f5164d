// @title t
void Main()
{
    1 + 2;
}

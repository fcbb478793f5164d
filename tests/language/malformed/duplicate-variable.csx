// @title t
void Main()
{
    int x = 1;
    { int x = 2; }
}

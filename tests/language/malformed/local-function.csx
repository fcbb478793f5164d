// @title t
void Main()
{
    int Twice(int x) => x * 2;
}

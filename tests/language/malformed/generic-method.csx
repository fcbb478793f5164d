// @title t
void Main()
{
    T Id<T>(T x) => x;
}

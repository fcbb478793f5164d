// @title t
void Main()
{
    DoWork();
}

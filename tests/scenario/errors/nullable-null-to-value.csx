// @title error case
void Main()
{
    int count = null;
}

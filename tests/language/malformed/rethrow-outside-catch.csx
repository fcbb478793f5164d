// @title t
void Main()
{
    throw;
}

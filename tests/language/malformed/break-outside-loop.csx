// @title t
void Main()
{
    break;
}

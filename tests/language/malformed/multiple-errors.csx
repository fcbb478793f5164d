// @title t
void Main()
{
    int a = ;
    int b = 2
    undefinedThing();
}

// @title infinite
void Main()
{
    int i = 0;
    while (true) { i++; }
}

// @title t
void Main()
{
    if (true) {
        Console.WriteLine(1);
}

// @title Endless console output meets the output budget
void Main()
{
    while (true) Console.WriteLine("hello world, this is a line");
}

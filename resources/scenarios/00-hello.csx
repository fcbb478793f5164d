// @title   Hello, simulated world
// @topic   Basics
// @questions 1

void Main()
{
    Console.WriteLine("Hello");
}

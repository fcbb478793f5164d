// @title doubles print as .NET Core 3.0+ prints them
void Main() { Console.WriteLine(20.0); Console.WriteLine(100.0); Console.WriteLine(1234.5); Console.WriteLine(1e15); Console.WriteLine(1e16); Console.WriteLine(123456789012345678.0); Console.WriteLine(0.0001); Console.WriteLine(0.00001); Console.WriteLine(-0.0); Console.WriteLine(2.0/3); }

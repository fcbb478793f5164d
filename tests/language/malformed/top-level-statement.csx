// @title t
Console.WriteLine("hi");
void Main() { }

// @title error case
void Main() { Console.WriteLine("a") }

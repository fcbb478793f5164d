// @title error case
void Main() { if (true) { Console.WriteLine("a"); }

// @title error case
void Main() { Console.WriteLine(undefinedVar); }

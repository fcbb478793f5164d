// @title error case
void Main() { var x = Console.Out; }

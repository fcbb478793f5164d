// @title error case
void Main() { var x = new(); var y = new { 1 + 2 }; }

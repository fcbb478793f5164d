// @title error case
void Main() { var s = "a" - 1; }

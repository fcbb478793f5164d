// @title error case
void Main() { 5 = 3; }

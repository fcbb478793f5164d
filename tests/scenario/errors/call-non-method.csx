// @title error case
void Main() { int x = 1; x(); }

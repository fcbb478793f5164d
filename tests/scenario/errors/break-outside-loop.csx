// @title error case
void Main() { break; }

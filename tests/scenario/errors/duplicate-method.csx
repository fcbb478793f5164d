// @title error case
void Main() { }
void Main() { }

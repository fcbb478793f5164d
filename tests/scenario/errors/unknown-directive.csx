// @title error case
// @colour blue
void Main() { }

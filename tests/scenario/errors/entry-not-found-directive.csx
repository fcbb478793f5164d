// @title error case
// @entry Start
void Main() { }

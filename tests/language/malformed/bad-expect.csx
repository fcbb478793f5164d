// @title t
// @expect outcome exploded
void Main() { }

// @title t
// @titel Hello
void Main() { }

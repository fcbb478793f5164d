// @title t
// @choice Main
void Main() { }

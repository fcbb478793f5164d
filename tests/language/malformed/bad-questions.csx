// @title t
// @questions 3 77
void Main() { }

// @title t
// @timer-resolution 200xs
void Main() { }

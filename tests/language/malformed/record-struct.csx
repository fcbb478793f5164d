// @title t
record struct Point(int X, int Y);
void Main() { }

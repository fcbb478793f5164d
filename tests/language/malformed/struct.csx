// @title t
struct Point { public int X; }
void Main() { }

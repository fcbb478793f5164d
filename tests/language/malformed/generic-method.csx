// @title t
T Id<T>(T x) => x;
void Main() { }

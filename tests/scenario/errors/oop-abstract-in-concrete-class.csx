// @title error case
class Shape { public abstract double Area(); }
void Main() { }

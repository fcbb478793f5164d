// @title error case
void Main() { Foo(1); }

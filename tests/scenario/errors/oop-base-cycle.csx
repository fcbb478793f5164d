// @title error case
class A : B { }
class B : A { }
void Main() { }
